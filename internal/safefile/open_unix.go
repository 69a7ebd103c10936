//go:build unix

package safefile

import (
	"errors"
	"os"
	"syscall"
)

// openNoBlock opens a resolved path for reading without following a
// final symlink and without blocking (opening a FIFO for reading
// otherwise waits for a writer for ever).
func openNoBlock(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
