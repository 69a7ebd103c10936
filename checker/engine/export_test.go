package engine

// ToValue exposes toValue to the external tests.
var ToValue = toValue
