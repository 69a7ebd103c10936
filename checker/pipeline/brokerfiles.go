// The files and options a broker reads besides its environment: a mounted
// or copied server.properties, and its JVM heap.

package pipeline

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/spark"
	"github.com/streamlint/streamlint/internal/safefile"
)

// mountedServerProperties reads a server.properties the service mounts
// from the repository, if discovery found it; declared reports whether a
// broker configuration file or directory is mounted at all.
func (s *assembly) mountedServerProperties(svc *compose.Service) (settings []model.Setting, declared bool) {
	if copied, ok := s.copiedServerProperties(svc); ok {
		return copied, true // a Dockerfile COPY (dockerfiles.go)
	}
	for _, v := range svc.Volumes {
		if v.Type != "bind" || !strings.HasSuffix(v.Target, "server.properties") && !strings.HasSuffix(v.Target, "/config") && !strings.HasSuffix(v.Target, "kafka.properties") {
			continue
		}
		declared = true
		src := v.Source
		if strings.HasSuffix(v.Target, "/config") {
			src += "/server.properties"
		}
		found, ok := s.propsFiles[src]
		if !ok {
			found, ok = s.readMounted(src, v.Loc)
		}
		if ok {
			out := make([]model.Setting, len(found))
			for i, st := range found {
				st.Source = model.SourceMountedFile
				out[i] = st
			}
			return out, true
		}
	}
	return nil, declared
}

var xmxRe = regexp.MustCompile(`-Xmx(\d+)([kKmMgGtT]?)\b`)

// heapOf is the broker JVM's maximum heap from KAFKA_HEAP_OPTS (every
// Kafka image's start script defaults to 1 GiB).
func heapOf(svc *compose.Service, img kafka.Image) model.Value {
	def := model.Value{Value: "-Xmx1G", Source: model.SourceDefault, Num: ptr(float64(1 << 30))}
	for _, e := range svc.Environment {
		if e.Name != "KAFKA_HEAP_OPTS" && (img.Family != kafka.FamilyDebezium || e.Name != "HEAP_OPTS") {
			continue
		}
		v := model.Value{Value: e.Value, Source: model.SourceEnv, Loc: e.Loc.OrNil(), Var: e.Name, Set: true, Unresolved: e.Unresolved}
		m := xmxRe.FindAllStringSubmatch(e.Value, -1)
		if len(m) == 0 {
			return v
		}
		last := m[len(m)-1] // the JVM takes the last -Xmx
		unit := map[string]int64{"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[strings.ToLower(last[2])]
		n, err := strconv.ParseInt(last[1], 10, 64)
		if err != nil || n > math.MaxInt64/unit {
			return v // the JVM refuses a heap it cannot size: unknown here
		}
		v.Num = ptr(float64(n * unit))
		return v
	}
	return def
}

// readMounted reads a properties file a broker mounts that lies outside
// the pipeline's directory (apache/kafka's examples mount
// ../../../fixtures/file-input): it is part of this broker's
// configuration wherever it is. A file that is not there is left to the
// caller (a mounted config that is not in the repository), and so is a
// host path outside the files under check (/etc/kafka/server.properties
// on the machine the project is deployed to: not the repository's).
// A file that must not be read is an error at the volume (ref).
func (s *assembly) readMounted(path string, ref model.Location) ([]model.Setting, bool) {
	_, err := s.b.opts.Scope.Vet(path, 0)
	switch safefile.ReasonOf(err) {
	case 0, safefile.TooLarge:
	case safefile.NotExist, safefile.Outside, safefile.Directory:
		return nil, false
	default:
		s.addError(ref, fmt.Sprintf("the mounted file %s %s", s.display(path), safefile.Message(err)))
		return nil, false
	}
	data, ok := s.read(path)
	if !ok {
		return nil, false
	}
	s.addFile(path)
	pf, err := spark.ParseProperties(s.display(path), data, model.SourcePropertiesFile)
	if err != nil {
		loc := model.Location{File: s.display(path), Line: 1, Column: 1}
		if pe := (*spark.ParseError)(nil); errors.As(err, &pe) && pe.Line > 0 {
			loc.Line = pe.Line
		}
		s.addError(loc, "cannot parse properties: "+err.Error())
		return nil, false
	}
	if s.propsFiles == nil {
		s.propsFiles = map[string][]model.Setting{}
	}
	s.propsFiles[path] = pf.Settings
	return pf.Settings, true
}
