package jobscan

// confVar is a SparkConf bound to a name (val conf = new SparkConf()...,
// conf = SparkConf()...), with the settings its setters recorded.
type confVar struct {
	name  string
	start int // byte offset of the name where it is bound
	conf  *confSettings
}

// confSetters are SparkConf's methods that only add to the conf: a call
// on the variable is no use of it.
var confSetters = map[string]bool{
	"set": true, "setAll": true, "setAppName": true, "setMaster": true, "setIfMissing": true,
	"setExecutorEnv": true, "setJars": true, "setSparkHome": true, "remove": true,
}

// dropUnusedConfs drops the settings of SparkConf variables the file never
// uses: a conf built and never given to a builder, a SparkContext or a
// StreamingContext (gschmutz's FlightDataApp: val conf = new
// SparkConf().setAppName(...), then SparkSession.builder...getOrCreate())
// configures nothing, and its values neither override nor are overridden
// (SPK007) nor size executors (SPK008). A name used anywhere else than as
// the receiver of a setter counts as used: passed, returned, stored.
func (s *scanner) dropUnusedConfs() {
	drop := map[int]bool{}
	for _, v := range s.confVars {
		if v.conf == nil || len(v.conf.idx) == 0 || s.nameUsedAfter(v.name, v.start) {
			continue
		}
		for _, i := range v.conf.idx {
			drop[i] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := s.job.Settings[:0]
	for i, st := range s.job.Settings {
		if !drop[i] {
			kept = append(kept, st)
		}
	}
	s.job.Settings = kept
}

// nameUsedAfter reports whether an identifier token called name, after
// the byte offset start, is anything but the receiver of a SparkConf
// setter (conf.set(...)).
func (s *scanner) nameUsedAfter(name string, start int) bool {
	for i, t := range s.toks {
		if t.kind != tIdent || t.text != name || t.start <= start {
			continue
		}
		if i > 0 && s.toks[i-1].kind == tOp && s.toks[i-1].text == "." {
			continue // another object's field of the same name
		}
		if i+2 < len(s.toks) && s.toks[i+1].kind == tOp && s.toks[i+1].text == "." && s.toks[i+2].kind == tIdent && confSetters[s.toks[i+2].text] {
			continue
		}
		return true
	}
	return false
}
