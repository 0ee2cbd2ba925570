from kapdiary.launch import main

main()
