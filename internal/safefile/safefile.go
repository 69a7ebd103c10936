// Package safefile is the one way streamlint opens a file it reads:
// compose files and what they include or extend, env files and `.env`,
// `.gitignore`, the configuration file, baselines, policies and Spark
// files and jobs. A pull request controls every one of those paths, so
// each is treated as hostile:
//
//   - symlinks are resolved first, and the target is what is judged;
//   - anything under /proc, /sys or /dev is refused (/proc/self/environ
//     would hand the runner's environment to interpolation; /dev/zero
//     never ends);
//   - anything that is not a regular file (a FIFO blocks the open for
//     ever, a socket or device is not a file) is refused, and the file is
//     opened non-blocking and checked again after the open, so a file
//     swapped for a FIFO in between is refused too;
//   - at most the given number of bytes is read.
//
// Errors never hold any of the file's content: only its path, the path
// it resolves to and why it is refused. TestOnlySafefileOpens (in this
// package) fails when any other non-test code of the module opens a file
// for reading.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Reason says why a path is refused.
type Reason int

// Reasons a path is refused.
const (
	// NotExist: nothing at the path (or a dangling symlink).
	NotExist Reason = iota + 1
	// Loop: the symlinks do not resolve (a cycle, or too many links).
	Loop
	// SystemPath: the path resolves under /proc, /sys or /dev.
	SystemPath
	// Directory: a directory, not a file.
	Directory
	// NotRegular: a FIFO, socket or device.
	NotRegular
	// TooLarge: over the byte limit.
	TooLarge
	// Unreadable: permission denied or an I/O error.
	Unreadable
	// Outside: the path resolves outside the files under check (a Scope).
	Outside
	// GitDir: the path resolves into a .git directory (a Scope).
	GitDir
)

// Error is a path streamlint refuses or cannot read. It never carries
// any byte of the file.
type Error struct {
	Path     string // as given
	Resolved string // where its symlinks lead ("" when they do not resolve)
	Reason   Reason
	Size     int64 // with TooLarge
	Limit    int64 // with TooLarge
	Err      error // the underlying error, if any
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg() }

// Msg is the error without the path, for callers that locate it
// themselves ("compose.yaml:4:5: include "x": " + Msg()).
func (e *Error) Msg() string {
	via := ""
	if e.Resolved != "" && e.Resolved != e.Path {
		if abs, err := filepath.Abs(e.Path); err != nil || abs != e.Resolved {
			via = "links to " + e.Resolved + ", which "
		}
	}
	switch e.Reason {
	case NotExist:
		if via != "" {
			return "is a symlink to " + e.Resolved + ", which does not exist"
		}
		return "does not exist"
	case Loop:
		return "cannot be resolved: " + causeText(e.Err)
	case SystemPath:
		return via + "is under /proc, /sys or /dev: streamlint never reads there"
	case Directory:
		return via + "is a directory, not a file"
	case NotRegular:
		return via + "is not a regular file (a device, pipe or socket): streamlint never opens it"
	case TooLarge:
		return fmt.Sprintf("%sis %d bytes, over the %d-byte limit (--max-file-size)", via, e.Size, e.Limit)
	case Outside:
		return via + "is outside the files under check: streamlint reads only the repository's own files, never the host's"
	case GitDir:
		return via + "is inside a .git directory: streamlint never reads git's own files (they can hold credentials)"
	}
	return "cannot read: " + causeText(e.Err)
}

func (e *Error) Unwrap() error {
	if e.Reason == NotExist {
		return fs.ErrNotExist
	}
	return e.Err
}

// causeText is err without the path an fs.PathError repeats.
func causeText(err error) string {
	if err == nil {
		return "unknown error"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// DefaultLimit is the byte limit callers use unless told otherwise
// (--max-file-size).
const DefaultLimit = 10 << 20

// systemDirs are never read, whatever links lead there.
var systemDirs = []string{"/proc", "/sys", "/dev"}

// Info is what Vet found.
type Info struct {
	Resolved string // absolute, symlinks resolved
	Size     int64
	stat     fs.FileInfo
}

// Vet resolves path and says whether streamlint may read it: a regular
// file, not under /proc, /sys or /dev, of at most limit bytes (limit <= 0:
// no size limit). It opens nothing.
func Vet(path string, limit int64) (Info, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Info{}, &Error{Path: path, Reason: Unreadable, Err: err}
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Info{}, &Error{Path: path, Resolved: danglingTarget(abs), Reason: NotExist, Err: err}
		}
		// EvalSymlinks says "too many links"; stat says why in the
		// system's words
		if _, serr := os.Stat(abs); serr != nil {
			err = serr
		}
		if isLoop(err) || strings.Contains(err.Error(), "too many links") {
			return Info{}, &Error{Path: path, Reason: Loop, Err: err}
		}
		return Info{}, &Error{Path: path, Reason: Unreadable, Err: err}
	}
	if underSystemDir(resolved) || underSystemDir(abs) {
		return Info{}, &Error{Path: path, Resolved: resolved, Reason: SystemPath}
	}
	st, err := os.Lstat(resolved)
	if err != nil {
		return Info{}, &Error{Path: path, Resolved: resolved, Reason: Unreadable, Err: err}
	}
	switch {
	case st.IsDir():
		return Info{}, &Error{Path: path, Resolved: resolved, Reason: Directory}
	case !st.Mode().IsRegular():
		return Info{}, &Error{Path: path, Resolved: resolved, Reason: NotRegular}
	case limit > 0 && st.Size() > limit:
		return Info{}, &Error{Path: path, Resolved: resolved, Reason: TooLarge, Size: st.Size(), Limit: limit}
	}
	return Info{Resolved: resolved, Size: st.Size(), stat: st}, nil
}

// Read vets path (see Vet) and reads it whole, failing if it holds more
// than limit bytes when read (it grew after it was measured).
func Read(path string, limit int64) ([]byte, error) {
	return Scope{}.read(path, limit, -1)
}

// ReadHead vets path like Read (without a size limit: a large file may
// be sniffed) and reads at most its first n bytes.
func ReadHead(path string, n int) ([]byte, error) {
	return Scope{}.read(path, 0, n)
}

func (s Scope) read(path string, limit int64, head int) ([]byte, error) {
	info, err := s.Vet(path, limit)
	if err != nil {
		return nil, err
	}
	f, err := openNoBlock(info.Resolved)
	if err != nil {
		return nil, &Error{Path: path, Resolved: info.Resolved, Reason: Unreadable, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Resolved: info.Resolved, Reason: Unreadable, Err: err}
	}
	if !st.Mode().IsRegular() || !os.SameFile(st, info.stat) {
		// replaced between Vet and the open
		return nil, &Error{Path: path, Resolved: info.Resolved, Reason: NotRegular}
	}
	var r io.Reader = f
	switch {
	case head >= 0:
		r = io.LimitReader(f, int64(head))
	case limit > 0:
		r = io.LimitReader(f, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{Path: path, Resolved: info.Resolved, Reason: Unreadable, Err: err}
	}
	if head < 0 && limit > 0 && int64(len(data)) > limit {
		return nil, &Error{Path: path, Resolved: info.Resolved, Reason: TooLarge, Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

func underSystemDir(p string) bool {
	for _, d := range systemDirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// danglingTarget is where a dangling symlink points, "" when abs is not
// a symlink.
func danglingTarget(abs string) string {
	t, err := os.Readlink(abs)
	if err != nil {
		return ""
	}
	if !filepath.IsAbs(t) {
		t = filepath.Join(filepath.Dir(abs), t)
	}
	return filepath.Clean(t)
}

// IsNotExist reports whether err is a path with nothing at it.
func IsNotExist(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Reason == NotExist
}

// ReasonOf is the Reason of err, 0 when err is not an *Error.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return 0
}

// Message is err without its path when it is an *Error, else err's text.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Msg()
	}
	return causeText(err)
}
