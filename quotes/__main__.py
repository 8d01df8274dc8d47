from quotes.cli.main import main

main()
