"""Times pandas' read_csv of a numeric CSV as float32 (the CSV-load task of `npm run bench`).

    read_csv.py CSV_FILE

Prints the seconds spent in read_csv only; `import pandas` is left out, as trainyard's timing
leaves out its own start-up.
"""
import sys
import time

import pandas

t = time.perf_counter()
pandas.read_csv(sys.argv[1], dtype='float32')
print(time.perf_counter() - t)
