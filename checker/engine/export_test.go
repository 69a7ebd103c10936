package engine

// ToValue exposes toValue to the external tests.
var ToValue = toValue

// Shards is how many compilers an engine uses.
func Shards(e *Engine) int { return len(e.shards) }
