"""The section a benchmark script owns in a Markdown file, between `<!-- bench/NAME: begin -->` and `... end -->`."""
import os


def write_block(path, name, text):
    """Replaces script NAME's block of the file (keeping the other benchmarks' sections), appending it the first time."""
    begin, end = f"<!-- bench/{name}: begin -->", f"<!-- bench/{name}: end -->"
    block = f"{begin}\n{text}\n{end}"
    old = open(path).read() if os.path.exists(path) else ""
    if begin in old and end in old:
        new = old[:old.index(begin)] + block + old[old.index(end) + len(end):]
    else:
        new = (old.rstrip("\n") + "\n\n" if old else "") + block + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "w") as fh:
        fh.write(new)
    os.replace(path + ".tmp", path)
