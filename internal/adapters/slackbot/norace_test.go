//go:build !race

package slackbot

// raceEnabled reports whether the race detector is on; timing figures are
// not meaningful then.
const raceEnabled = false
