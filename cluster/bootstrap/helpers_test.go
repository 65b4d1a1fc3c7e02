package bootstrap

import (
	"bytes"
	"context"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const (
	clusterName = "k8s.example.com"
	endpoint    = "api.k8s.example.com"
	// Recognisable secrets, to look for in the output.
	testToken   = "tok3n5.s3cr3tv4lu3xyzab"
	testCertKey = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef"
)

// fixture is testdata/cluster.yaml, with secrets.
type fixture struct {
	cluster *api.Cluster
	groups  map[string]*api.InstanceGroup
	secrets *Secrets
}

func load(t testing.TB) *fixture {
	t.Helper()
	data, err := os.ReadFile("testdata/cluster.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := api.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{cluster: m.Cluster, groups: map[string]*api.InstanceGroup{}, secrets: testSecrets(t)}
	for _, ig := range m.InstanceGroups {
		f.groups[ig.Name()] = ig
	}
	return f
}

// testSecrets returns fixed secrets with the CA of testdata/ca.{crt,key}.
func testSecrets(t testing.TB) *Secrets {
	t.Helper()
	cert, err := os.ReadFile("testdata/ca.crt")
	if err != nil {
		t.Fatal(err)
	}
	key, err := os.ReadFile("testdata/ca.key")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := CACertHash(cert)
	if err != nil {
		t.Fatal(err)
	}
	return &Secrets{BootstrapToken: testToken, CertificateKey: testCertKey, CACertPEM: cert, CAKeyPEM: key, CACertHash: hash}
}

// config returns the NodeConfig of a group of the fixture.
func (f *fixture) config(t testing.TB, group string) NodeConfig {
	t.Helper()
	ig, ok := f.groups[group]
	if !ok {
		t.Fatalf("no instance group %s in testdata/cluster.yaml", group)
	}
	return NodeConfig{Cluster: f.cluster, Group: ig, Secrets: f.secrets, APIEndpoint: endpoint, APIPort: 443}
}

// secretNeedles returns what must not appear where secrets may not be:
// the token, its secret half, the certificate key and a line of the CA
// key's PEM body.
func secretNeedles(t testing.TB, s *Secrets) []string {
	t.Helper()
	_, tokenSecret, _ := strings.Cut(s.BootstrapToken, ".")
	lines := strings.Split(strings.TrimSpace(string(s.CAKeyPEM)), "\n")
	if len(lines) < 3 {
		t.Fatalf("CA key PEM of %d lines", len(lines))
	}
	return []string{s.BootstrapToken, tokenSecret, s.CertificateKey, lines[1]}
}

// openStore opens a file:// state store in dir, with a random source of
// the seed.
func openStore(t *testing.T, dir string, seed byte) *statestore.Store {
	t.Helper()
	s, err := statestore.Open(context.Background(), "file://"+dir, statestore.WithRand(rand.NewChaCha8([32]byte{seed})))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// createCluster writes the fixture's cluster and groups into the store.
func createCluster(t *testing.T, s *statestore.Store) {
	t.Helper()
	f := load(t)
	igs := make([]*api.InstanceGroup, 0, len(f.groups))
	for _, ig := range f.groups {
		igs = append(igs, ig)
	}
	if _, err := s.CreateCluster(context.Background(), f.cluster, igs); err != nil {
		t.Fatal(err)
	}
}

// decoded is user data taken apart.
type decoded struct {
	paths  []string
	files  map[string]writeFile
	runcmd [][]string
}

// decode parses user data strictly as the cloud-config UserData writes.
func decode(t *testing.T, userData []byte) decoded {
	t.Helper()
	if !bytes.HasPrefix(userData, []byte("#cloud-config\n")) {
		t.Fatalf("user data does not start with #cloud-config:\n%s", userData)
	}
	var cc cloudConfig
	if err := yaml.UnmarshalStrict(userData, &cc); err != nil {
		t.Fatalf("user data is not the cloud-config expected: %v\n%s", err, userData)
	}
	d := decoded{files: map[string]writeFile{}, runcmd: cc.RunCmd}
	for _, f := range cc.WriteFiles {
		if _, dup := d.files[f.Path]; dup {
			t.Errorf("%s written twice", f.Path)
		}
		d.paths = append(d.paths, f.Path)
		d.files[f.Path] = f
	}
	return d
}

func matches(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

// golden compares got with testdata/NAME.golden, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run the test with -update to accept it); got:\n%s", path, got)
	}
}
