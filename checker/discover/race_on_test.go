//go:build race

package discover

// raceDetector: this test binary is built with -race, which makes code
// about ten times slower; time bounds are scaled by it.
const raceDetector = true
