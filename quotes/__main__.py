from quotes.cli.main import main

# Guarded so worker processes that re-import the main module do not run the CLI again.
if __name__ == "__main__":
    main()
