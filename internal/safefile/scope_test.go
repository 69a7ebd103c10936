package safefile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestScope(t *testing.T) {
	repo := t.TempDir()
	host := t.TempDir()
	for _, p := range []string{"compose.yaml", "sub/server.properties", ".git/config", "sub/.git/config"} {
		mustWrite(t, filepath.Join(repo, p))
	}
	mustWrite(t, filepath.Join(host, "runner.env"))
	if err := os.Symlink(filepath.Join(host, "runner.env"), filepath.Join(repo, "link.env")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(repo, ".git", "config"), filepath.Join(repo, "innocent.properties")); err != nil {
		t.Fatal(err)
	}
	scope := NewScope(filepath.Join(repo, "compose.yaml")) // a file stands for its directory
	tests := []struct {
		path string
		want Reason
	}{
		{"compose.yaml", 0},
		{"sub/server.properties", 0},
		{"sub/../compose.yaml", 0},
		{".git/config", GitDir},
		{"sub/.git/config", GitDir},
		{"innocent.properties", GitDir}, // judged where the link leads
		{"link.env", Outside},
		{"../" + filepath.Base(host) + "/runner.env", Outside},
		{"missing.env", NotExist},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := scope.Vet(filepath.Join(repo, tt.path), 0)
			if got := ReasonOf(err); got != tt.want {
				t.Errorf("Vet: reason %d (%v), want %d", got, err, tt.want)
			}
			_, err = scope.Read(filepath.Join(repo, tt.path), 0)
			if got := ReasonOf(err); got != tt.want {
				t.Errorf("Read: reason %d (%v), want %d", got, err, tt.want)
			}
		})
	}
	// the zero Scope (files the user names) admits them all
	if _, err := (Scope{}).Read(filepath.Join(host, "runner.env"), 0); err != nil {
		t.Errorf("zero Scope: %v", err)
	}
}

// TestScopeIncludesTheWorkTree: a path checked inside a git work tree
// may lead anywhere in that work tree (apache/kafka's examples mount
// ../../../fixtures from a nested directory).
func TestScopeIncludesTheWorkTree(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(repo, "fixtures", "file-input"))
	mustWrite(t, filepath.Join(repo, "docker", "examples", "compose.yml"))
	scope := NewScope(filepath.Join(repo, "docker", "examples"))
	if _, err := scope.Vet(filepath.Join(repo, "docker", "examples", "..", "..", "fixtures", "file-input"), 0); err != nil {
		t.Errorf("a file of the same work tree: %v", err)
	}
}

func mustWrite(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("x=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
