// A thread that dies as it starts: RawOutputEncoder must then encode in the poll loop.
process.exit(3);
