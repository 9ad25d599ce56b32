# Shared by the deploy check scripts (sourced, not run): named checks with a pass/fail tally,
# and a free loopback port. Callers set $scratch to a private temporary directory first.
passed=0
failed=0

# check WHAT COMMAND...: runs the command, prints "ok" or "FAIL" with its output indented.
check() {
  local what=$1
  shift
  if "$@" >"$scratch/check.out" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $what"
  else
    failed=$((failed + 1))
    echo "FAIL $what"
    sed 's/^/     /' "$scratch/check.out"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: prints a loopback port nothing listens on, or fails.
free_port() {
  local candidate
  for candidate in $(shuf -i 20000-60000 -n 50); do
    if ! port_open "$candidate"; then echo "$candidate"; return 0; fi
  done
  echo "error: no free loopback port found" >&2
  return 1
}
