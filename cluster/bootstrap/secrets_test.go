package bootstrap

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

func TestEnsureSecrets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t, dir, 1)
	createCluster(t, s)
	first, err := EnsureSecrets(ctx, s, clusterName)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		what    string
		value   string
		pattern string
	}{
		{"bootstrap token", first.BootstrapToken, `^[a-z0-9]{6}\.[a-z0-9]{16}$`},
		{"certificate key", first.CertificateKey, `^[0-9a-f]{64}$`},
		{"CA certificate hash", first.CACertHash, `^sha256:[0-9a-f]{64}$`},
	}
	for _, c := range checks {
		if !matches(c.pattern, c.value) {
			t.Errorf("%s %q does not match %s", c.what, c.value, c.pattern)
		}
	}

	// The CA is the store's, and the hash is that of its public key info.
	ca, err := s.ReadCA(ctx, clusterName)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.CACertPEM, ca.CertPEM) || !bytes.Equal(first.CAKeyPEM, ca.KeyPEM) {
		t.Error("the secrets' CA is not the state store's")
	}
	b, _ := pem.Decode(first.CACertPEM)
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	if want := "sha256:" + hex.EncodeToString(sum[:]); first.CACertHash != want {
		t.Errorf("CACertHash = %s, want %s", first.CACertHash, want)
	}

	// Stored in kOps' secret layout.
	for name, want := range map[string]string{SecretBootstrapToken: first.BootstrapToken, SecretCertificateKey: first.CertificateKey} {
		got, err := s.ReadSecret(ctx, clusterName, name)
		if err != nil || string(got) != want {
			t.Errorf("secret %s in the store = %v; want the value returned", name, err)
		}
		if _, _, err := s.Backend().Get(ctx, clusterName+"/secrets/"+name); err != nil {
			t.Errorf("%s/secrets/%s: %v", clusterName, name, err)
		}
	}

	// A later call, from another store with another random source, gets
	// the same secrets.
	again, err := EnsureSecrets(ctx, openStore(t, dir, 2), clusterName, WithRand(rand.NewChaCha8([32]byte{3})))
	if err != nil {
		t.Fatal(err)
	}
	if !sameSecrets(first, again) {
		t.Error("a second EnsureSecrets returned other secrets")
	}
}

// TestEnsureSecretsRandom: new secrets come from the random source given,
// else from the store's.
func TestEnsureSecretsRandom(t *testing.T) {
	ctx := context.Background()
	ensure := func(storeSeed byte, opts ...Option) *Secrets {
		s := openStore(t, t.TempDir(), storeSeed)
		createCluster(t, s)
		sec, err := EnsureSecrets(ctx, s, clusterName, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return sec
	}
	seeded := func(seed byte) Option { return WithRand(rand.NewChaCha8([32]byte{seed})) }
	a, b := ensure(1, seeded(7)), ensure(2, seeded(7))
	if a.BootstrapToken != b.BootstrapToken || a.CertificateKey != b.CertificateKey {
		t.Error("the same WithRand source gave different secrets")
	}
	if c := ensure(1, seeded(8)); c.BootstrapToken == a.BootstrapToken || c.CertificateKey == a.CertificateKey {
		t.Error("another WithRand source gave the same secrets")
	}
	d, e := ensure(4), ensure(4)
	if d.BootstrapToken != e.BootstrapToken || d.BootstrapToken == a.BootstrapToken {
		t.Error("without WithRand the secrets do not come from the store's random source")
	}
}

// TestEnsureSecretsConcurrent: callers racing with different random
// sources end up with the same secrets.
func TestEnsureSecretsConcurrent(t *testing.T) {
	dir := t.TempDir()
	createCluster(t, openStore(t, dir, 0))
	const n = 6
	got := make([]*Secrets, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		s := openStore(t, dir, byte(10+i))
		wg.Go(func() {
			<-start
			got[i], errs[i] = EnsureSecrets(context.Background(), s, clusterName)
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if !sameSecrets(got[i], got[0]) {
			t.Fatalf("callers %d and 0 got different secrets", i)
		}
	}
}

func TestEnsureSecretsErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("no cluster", func(t *testing.T) {
		s := openStore(t, t.TempDir(), 1)
		if _, err := EnsureSecrets(ctx, s, clusterName); !errors.Is(err, statestore.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("malformed stored token", func(t *testing.T) {
		s := openStore(t, t.TempDir(), 1)
		createCluster(t, s)
		// statestore.EnsureSecret's 32-character token is not a kubeadm token.
		bad, err := s.EnsureSecret(ctx, clusterName, SecretBootstrapToken)
		if err != nil {
			t.Fatal(err)
		}
		_, err = EnsureSecrets(ctx, s, clusterName)
		if err == nil || !strings.Contains(err.Error(), "delete it") {
			t.Fatalf("err = %v, want a malformed-secret error", err)
		}
		if strings.Contains(err.Error(), string(bad)) {
			t.Errorf("the error quotes the secret: %v", err)
		}
	})
	t.Run("random source fails", func(t *testing.T) {
		s := openStore(t, t.TempDir(), 1)
		createCluster(t, s)
		if _, err := EnsureSecrets(ctx, s, clusterName, WithRand(strings.NewReader("short"))); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("err = %v, want io.ErrUnexpectedEOF", err)
		}
	})
}

// TestNewBootstrapToken: bytes that would bias the choice are skipped.
func TestNewBootstrapToken(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  string
	}{
		{"zeros", make([]byte, 22), "aaaaaa.aaaaaaaaaaaaaaaa"},
		{"last of the alphabet", bytes.Repeat([]byte{35}, 22), "999999.9999999999999999"},
		{"biased bytes skipped", append(bytes.Repeat([]byte{252, 255}, 11), make([]byte, 22)...), "aaaaaa.aaaaaaaaaaaaaaaa"},
		{"wrap around", append([]byte{36, 251}, make([]byte, 20)...), "a9aaaa.aaaaaaaaaaaaaaaa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := newBootstrapToken(bytes.NewReader(tt.input))
			if err != nil || got != tt.want {
				t.Errorf("newBootstrapToken = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestSecretsRedacted: no way of printing, logging or marshalling Secrets
// reveals a secret.
func TestSecretsRedacted(t *testing.T) {
	s := testSecrets(t)
	needles := secretNeedles(t, s)
	type holder struct {
		Name    string
		Value   Secrets
		Pointer *Secrets
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("secrets", "s", s, "v", *s)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("secrets", "s", s, "v", *s)
	outputs := map[string]string{
		"slog text": text.String(),
		"slog json": js.String(),
		"String":    s.String(),
		"GoString":  s.GoString(),
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		outputs[verb+" pointer"] = fmt.Sprintf(verb, s)
		outputs[verb+" value"] = fmt.Sprintf(verb, *s)
		outputs[verb+" in a struct"] = fmt.Sprintf(verb, holder{"x", *s, s})
		outputs[verb+" in a slice"] = fmt.Sprintf(verb, []Secrets{*s})
	}
	for what, out := range outputs {
		for _, needle := range needles {
			if strings.Contains(out, needle) {
				t.Errorf("%s reveals a secret: %s", what, out)
			}
		}
		if !strings.Contains(out, "<redacted>") && !strings.Contains(out, `\u003credacted\u003e`) {
			t.Errorf("%s does not say it redacted: %s", what, out)
		}
	}
	if !strings.Contains(s.String(), s.CACertHash) {
		t.Errorf("String hides the CA hash, which is not secret: %s", s)
	}
	if b, err := json.Marshal(s); err == nil {
		t.Errorf("json.Marshal succeeded: %s", b)
	}
	if b, err := yaml.Marshal(s); err == nil {
		t.Errorf("yaml.Marshal succeeded: %s", b)
	}
}

func sameSecrets(a, b *Secrets) bool {
	return a.BootstrapToken == b.BootstrapToken && a.CertificateKey == b.CertificateKey &&
		bytes.Equal(a.CACertPEM, b.CACertPEM) && bytes.Equal(a.CAKeyPEM, b.CAKeyPEM) && a.CACertHash == b.CACertHash
}
