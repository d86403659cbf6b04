from torctl.cli import run

run()
