#!/usr/bin/env bash
# Fails when git tracks what it should not: a file that .gitignore ignores
# (a build output committed before the pattern was added), or a compiled
# executable (ELF, Mach-O, PE). Test inputs that are binary on purpose
# (fixtures/bad/binary) are data, not executables, and pass.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
ignored=$(git ls-files -c -i --exclude-standard)
if [ -n "$ignored" ]; then
	echo "git tracks files that .gitignore ignores (git rm --cached them):"
	echo "$ignored"
	status=1
fi

# magic numbers: ELF, Mach-O (32/64, both byte orders, universal), PE ("MZ")
while IFS= read -r -d '' f; do
	[ -f "$f" ] || continue
	magic=$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
	case "$magic" in
	7f454c46 | feedface | feedfacf | cefaedfe | cffaedfe | cafebabe | 4d5a*)
		echo "git tracks a compiled executable: $f"
		status=1
		;;
	esac
done < <(git ls-files -z)
exit $status
