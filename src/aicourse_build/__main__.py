from aicourse_build.cli import main

main()
