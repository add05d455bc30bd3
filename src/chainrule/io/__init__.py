"""Input and output beyond model files: ONNX and safetensors export, the scikit-learn and
PyTorch bridges."""
