from supportdesk.app import main

raise SystemExit(main())
