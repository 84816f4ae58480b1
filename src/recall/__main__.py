"""``python -m recall`` runs the command-line interface."""

from recall.cli.app import main

if __name__ == "__main__":
    main()
