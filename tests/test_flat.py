"""Parameters in one array: packing, finding the layout, and the one-operation update."""

from __future__ import annotations

import numpy as np
import pytest

import chainrule as cr
from chainrule.engine.flat import layout, like, pack, paired
from chainrule.nn.plan import Plan


def flat(optimizer, parameters) -> bool:
    """Whether the optimizer updates ``parameters`` all at once."""
    return [g.key for g in optimizer.groups(parameters)] == ["flat"]


def arrays(seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape) for shape in [(3, 2), (4, 3), (3,), (1,)]]


def test_pack_keeps_values_and_shapes_in_one_buffer():
    original = arrays()
    views = pack(original)
    for view, a in zip(views, original, strict=True):
        np.testing.assert_array_equal(view, a)
        assert view.shape == a.shape and view.base is views[0].base
    assert views[0].base.shape == (6 + 12 + 3 + 1,)


def test_layout_finds_the_run_in_any_order_and_refuses_gaps():
    views = pack(arrays())
    run, offsets = layout(views)
    assert run.size == 22 and offsets == [0, 6, 18, 21]
    run, offsets = layout([views[2], views[0], views[1]])  # a gap-free stretch: 0…20
    assert run.size == 21 and offsets == [18, 0, 6]
    assert layout([views[0], views[2]]) is None  # a gap (views[1]) between them
    assert layout([views[0], views[0]]) is None  # the same stretch twice
    assert layout([*views[:2], np.zeros(3)]) is None  # another buffer
    assert layout([views[0].T]) is None  # not C-ordered
    assert layout([]) is None


def test_like_copies_the_layout_or_falls_back_to_separate_arrays():
    views = pack(arrays())
    zeros = like(views)
    assert paired(views, zeros)  # laid out alike
    assert all(not z.any() and z.shape == v.shape for z, v in zip(zeros, views, strict=True))
    separate = like(arrays())
    assert all(s.base is None for s in separate)
    assert not paired(views, separate)
    assert not paired(views, like(views[::-1]))  # the same arrays, laid out otherwise


def test_a_network_keeps_its_parameters_in_one_array_weights_first():
    net = cr.Network.from_sizes([3, 4, 2], bias="per_neuron", seed=1)
    copy = [p.data.copy() for p in net.parameters()]
    assert layout([p.data for p in net.parameters()]) is not None
    assert layout([p.data for p in net.parameters(biases=False)]) is not None
    rebuilt = cr.Network(net.layers, net.loss_name)  # packs again, values unchanged
    for p, c in zip(rebuilt.parameters(), copy, strict=True):
        np.testing.assert_array_equal(p.data, c)


OPTIMIZERS = {
    "sgd": lambda: cr.SGD(0.5),
    "momentum": lambda: cr.SGD(0.5, momentum=0.9),
    "nesterov+decay": lambda: cr.SGD(0.5, momentum=0.8, nesterov=True, weight_decay=0.01),
    "adam": lambda: cr.Adam(0.05),
    "adam+decay": lambda: cr.Adam(0.05, weight_decay=0.001),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
@pytest.mark.parametrize("biases", [True, False])
def test_one_update_for_all_parameters_gives_the_per_parameter_bits(name, biases):
    spec = cr.mazur_spec()
    packed = spec.network
    loose = spec.network.copy()
    for p in loose.parameters():  # separate arrays: the optimizer updates one by one
        p.data = p.data.copy()
    plans = Plan(packed, 1), Plan(loose, 1)
    optimizers = OPTIMIZERS[name](), OPTIMIZERS[name]()
    for step in range(30):
        if step == 12:  # state saved and loaded mid-way: packed again from the copies
            for opt in optimizers:
                opt.load_state(opt.iterations, opt.state())
        for net, plan, opt in zip((packed, loose), plans, optimizers, strict=True):
            plan.gradients(spec.inputs, spec.targets)
            opt.step(net.parameters(biases=biases))
    assert flat(optimizers[0], packed.parameters(biases=biases))
    assert not flat(optimizers[1], loose.parameters(biases=biases))
    for a, b in zip(packed.parameters(), loose.parameters(), strict=True):
        np.testing.assert_array_equal(a.data, b.data)
    for slot, arrays in optimizers[0].state().items():  # one state array per parameter
        for a, b in zip(arrays, optimizers[1].state()[slot], strict=True):
            np.testing.assert_array_equal(a, b)


def test_state_of_only_some_parameters_falls_back_to_one_by_one():
    spec = cr.mazur_spec()
    net, opt = spec.network, cr.SGD(0.5, momentum=0.9)
    plan = Plan(net, 1)
    plan.gradients(spec.inputs, spec.targets)
    opt.step(net.parameters(biases=False))  # velocities for W1 and W2 only
    assert len(opt.state()["velocity"]) == 2
    assert not flat(opt, net.parameters())  # W1, b1, W2, b2: b1 and b2 have none
    opt.step(net.parameters())
    assert [v.shape for v in opt.state()["velocity"]] == [(2, 2), (1,), (2, 2), (1,)]


def test_a_replaced_array_is_noticed():
    spec = cr.mazur_spec()
    net, opt = spec.network, cr.SGD(0.5)
    Plan(net, 1).gradients(spec.inputs, spec.targets)
    assert flat(opt, net.parameters())
    layer = net.layers[0]
    layer.weights.data = layer.weights.data.copy()
    before = layer.weights.data.copy()
    assert not flat(opt, net.parameters())
    opt.step(net.parameters())
    np.testing.assert_array_equal(layer.weights.data, before - 0.5 * layer.weights.grad)
