from kapdiary.cli import main

main()
