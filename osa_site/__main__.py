"""`python -m osa_site`: the same command as `osa-site`."""

from .cli import main

main(prog_name="osa-site")
