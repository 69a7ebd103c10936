package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// A spark-defaults.conf of a project whose Spark runs in compose services
// configures an app only if one of those services can read it: mounted
// (the file, or a directory holding it) or copied into its image. A file
// none of them can read, with no Dockerfile beside it or above it that
// may build an image holding it (a conf/ folder left from another
// setup, or one for jobs run with pip's pyspark on the host) changes
// no app: its keys are still checked, as an app of their own, and a note
// says why it is not applied; without it, its values were reported as
// overridden by the apps' own (SPK007) and entered their sizing.

// dropUnreachedDefaults moves the settings of every spark-defaults.conf
// that no service of a Spark-running compose project can read out of the
// apps' defaults.
func (s *assembly) dropUnreachedDefaults() {
	if s.project == nil || len(s.defaults) == 0 || !s.runsSpark() {
		return
	}
	unreached := map[string]bool{}
	for _, st := range s.defaults {
		if _, seen := unreached[st.Loc.File]; seen || st.Source != model.SourceSparkDefaults {
			continue
		}
		abs := s.abs(st.Loc.File)
		unreached[st.Loc.File] = s.isDefaults(abs) && !s.reachesAService(abs) && !s.dockerfileNearby(abs)
	}
	kept := s.defaults[:0]
	for _, st := range s.defaults {
		if unreached[st.Loc.File] && st.Source == model.SourceSparkDefaults {
			s.unreachedDefaults = append(s.unreachedDefaults, st)
		} else {
			kept = append(kept, st)
		}
	}
	s.defaults = kept
	for file, drop := range unreached {
		if drop {
			s.res.Notes = append(s.res.Notes, model.Note{Location: model.Location{File: file, Line: 1, Column: 1},
				Message: fmt.Sprintf("no service of the compose project mounts this spark-defaults.conf or copies it into its image, so no app started there reads it: its keys are checked on their own, not as the apps' settings (to apply it, mount it where the Spark image reads it, e.g. `%s:/opt/spark/conf/spark-defaults.conf:ro`)", s.composeRel(s.abs(file)))})
		}
	}
}

// runsSpark reports a compose project with a Spark service: a master,
// worker, spark-submit or notebook, or a service whose image (or
// Dockerfile's base image) is a Spark image.
func (s *assembly) runsSpark() bool {
	for _, svc := range s.project.Services {
		if s.sparkRole(svc) != "" || strings.Contains(strings.ToLower(s.imageRef(svc)+" "+svc.Image), "spark") {
			return true
		}
	}
	return false
}

// reachesAService reports whether a service of the project may read the
// file at abs: a bind mount of it or of a directory holding it, a build
// context holding it whose Dockerfile copies it (the file, a directory
// holding it, or a pattern), or whose Dockerfile could not be read.
func (s *assembly) reachesAService(abs string) bool {
	for _, svc := range s.project.Services {
		for _, v := range svc.Volumes {
			if v.Type == "bind" && within(abs, v.Source) {
				return true
			}
		}
		if svc.Build == nil {
			continue
		}
		if svc.Build.Remote || svc.Build.Inline {
			return true // its copies are unknown
		}
		img := s.images[svc]
		if img == nil {
			if within(abs, svc.Build.Context) {
				return true // the Dockerfile was not followed
			}
			continue
		}
		for _, c := range img.Copies {
			for _, src := range c.Sources {
				if strings.ContainsAny(src, "*?[") || within(abs, filepath.Join(svc.Build.Context, filepath.FromSlash(src))) {
					return true
				}
			}
		}
	}
	return false
}

// dockerfileNearby reports a Dockerfile in the directory of the file at
// abs or in one above it up to the compose project's: an image built
// outside compose (docker build -t my-spark . beside `image: my-spark`)
// may copy the file, and compose does not say which.
func (s *assembly) dockerfileNearby(abs string) bool {
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return true // unknown: keep the file applied
		}
		for _, e := range entries {
			if isDockerfileName(e.Name()) {
				return true
			}
		}
		if !within(dir, s.project.Dir) || dir == filepath.Clean(s.project.Dir) || filepath.Dir(dir) == dir {
			return false
		}
	}
}

// isDockerfileName reports the names Dockerfiles go by: Dockerfile,
// Dockerfile.spark, spark.Dockerfile, Containerfile.
func isDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(lower, "dockerfile") || strings.HasSuffix(lower, ".dockerfile") || strings.HasPrefix(lower, "containerfile")
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(filepath.Clean(dir), path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// composeRel is abs as a compose file of the project names it: relative
// to the project's directory.
func (s *assembly) composeRel(abs string) string {
	rel, err := filepath.Rel(s.project.Dir, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return filepath.ToSlash(abs)
	}
	return "./" + filepath.ToSlash(rel)
}
