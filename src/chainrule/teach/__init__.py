"""Teaching: specs and the built-in examples; one step traced, explained, drawn and turned
into exercises; training curves plotted."""
