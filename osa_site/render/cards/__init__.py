"""Share cards: the picture (1200×630 PNG) and the Open Graph text of every page.

`specs` says what a page's card shows (its title, its kind and one key figure), `wrap` breaks the
title into lines (Thai at word boundaries), and `draw` paints the card with Pillow and the bundled
IBM Plex Sans Thai. All of it is pure: the same card gives the same bytes, with no network.
"""
