package shell

import "strings"

// skipWrappers returns the index of the program word of a command, after
// NAME=value assignments and the wrappers that run another command (exec,
// nohup, env, time, sudo, gosu, tini, an entrypoint.sh).
func skipWrappers(cmd []Word) int {
	i := 0
	for i < len(cmd) {
		t := cmd[i].Text
		if isAssignment(t) {
			i++
			continue
		}
		switch baseName(t) {
		case "sudo":
			i++
			for i < len(cmd) && strings.HasPrefix(cmd[i].Text, "-") {
				switch cmd[i].Text {
				case "-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U":
					i++
				}
				i++
			}
		case "exec", "nohup", "time", "command", "builtin", "setsid":
			i++
			for i < len(cmd) && strings.HasPrefix(cmd[i].Text, "-") {
				i++
			}
		case "env":
			i = skipEnvArgs(cmd, i+1)
		case "gosu", "su-exec":
			i += 2
		case "tini", "dumb-init", "tini-static":
			i++
			for i < len(cmd) && strings.HasPrefix(cmd[i].Text, "-") {
				i++
			}
		case "entrypoint.sh", "docker-entrypoint.sh":
			i++
		default:
			return i
		}
	}
	return i
}

// skipEnvArgs skips the options and assignments of env from cmd[i].
func skipEnvArgs(cmd []Word, i int) int {
	for i < len(cmd) {
		switch a := cmd[i].Text; {
		case a == "-u" || a == "--unset" || a == "-C" || a == "--chdir":
			i += 2
		case strings.HasPrefix(a, "-") || isAssignment(a):
			i++
		default:
			return i
		}
	}
	return i
}

// shellScript finds the script of "sh [options] -c script [name args]".
func shellScript(args []Word) (Word, bool) {
	sawC := false
	for _, a := range args {
		t := a.Text
		switch {
		case t == "--":
			continue
		case len(t) > 1 && (t[0] == '-' || t[0] == '+') && !strings.HasPrefix(t, "--"):
			if strings.ContainsRune(t[1:], 'c') {
				sawC = true
			}
		case strings.HasPrefix(t, "--") && !sawC:
			// long options such as --login, --norc (before the short ones)
		default:
			return a, sawC
		}
	}
	return Word{}, false
}

func isShell(base string) bool {
	switch base {
	case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh":
		return true
	}
	return false
}

// isAssignment reports a NAME=value word.
func isAssignment(s string) bool {
	i := strings.IndexByte(s, '=')
	if i <= 0 || !isNameStart(s[0]) {
		return false
	}
	for j := 1; j < i; j++ {
		if !isNameChar(s[j]) {
			return false
		}
	}
	return true
}

// baseName is the last path element of a command word.
func baseName(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}
