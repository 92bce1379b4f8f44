from kfr_extract.cli import main

main()
