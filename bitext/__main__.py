from bitext.cli import main

main()
