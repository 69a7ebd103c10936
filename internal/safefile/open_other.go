//go:build !unix

package safefile

import "os"

// openNoBlock opens a resolved path for reading.
func openNoBlock(p string) (*os.File, error) { return os.Open(p) }

func isLoop(error) bool { return false }
