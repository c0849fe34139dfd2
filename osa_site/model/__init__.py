"""The indexed model: back-references, designation outcomes, named figures, page addresses, the change log
and the site context every page reads."""
