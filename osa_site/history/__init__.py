"""Record history from git: the commits read once, the changes in words, and Atom feeds of them."""
