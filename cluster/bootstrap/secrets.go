package bootstrap

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strconv"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// Names of the bootstrap secrets in the state store, NAME/secrets/SECRET.
const (
	SecretBootstrapToken = "bootstrap-token"
	SecretCertificateKey = "certificate-key"
)

var (
	tokenPattern   = regexp.MustCompile(`^[a-z0-9]{6}\.[a-z0-9]{16}$`)
	certKeyPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
	hashPattern    = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// Secrets is what nodes need to join the cluster. Its String, GoString,
// Format and LogValue redact the secret values, and it refuses to be
// marshalled, so that printing or logging it reveals nothing.
type Secrets struct {
	// BootstrapToken is a kubeadm bootstrap token, [a-z0-9]{6}.[a-z0-9]{16}.
	BootstrapToken string
	// CertificateKey, 64 hex digits, encrypts the control-plane certificates
	// that kubeadm init --upload-certs uploads and kubeadm join
	// --control-plane downloads.
	CertificateKey string
	// CACertPEM and CAKeyPEM are the cluster's CA (statestore.EnsureCA).
	CACertPEM []byte
	CAKeyPEM  []byte
	// CACertHash pins the CA for discovery, as kubeadm's
	// --discovery-token-ca-cert-hash: "sha256:" and the hex SHA-256 of the
	// CA certificate's DER SubjectPublicKeyInfo. It is not secret.
	CACertHash string
}

// Option configures EnsureSecrets.
type Option func(*options)

type options struct {
	rand io.Reader
}

// WithRand sets the source of randomness of the secrets EnsureSecrets
// generates; by default, the state store's (crypto/rand unless the store
// was opened with statestore.WithRand). Concurrent callers must not share
// a reader that is unsafe for concurrent use.
func WithRand(r io.Reader) Option { return func(o *options) { o.rand = r } }

// EnsureSecrets returns the bootstrap secrets of the cluster, generating
// and storing in the state store what is missing: the CA (EnsureCA), the
// bootstrap token and the certificate key. Every later call, concurrent
// ones included, gets the same values. The cluster must exist in the store.
func EnsureSecrets(ctx context.Context, store *statestore.Store, cluster string, opts ...Option) (*Secrets, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	source := func(storeRand io.Reader) io.Reader {
		if o.rand != nil {
			return o.rand
		}
		return storeRand
	}
	ca, _, err := store.EnsureCA(ctx, cluster)
	if err != nil {
		return nil, fmt.Errorf("bootstrap secrets of %s: %w", cluster, err)
	}
	token, err := ensureSecret(ctx, store, cluster, SecretBootstrapToken, tokenPattern, func(r io.Reader) ([]byte, error) {
		t, err := newBootstrapToken(source(r))
		return []byte(t), err
	})
	if err != nil {
		return nil, err
	}
	key, err := ensureSecret(ctx, store, cluster, SecretCertificateKey, certKeyPattern, func(r io.Reader) ([]byte, error) {
		k, err := newCertificateKey(source(r))
		return []byte(k), err
	})
	if err != nil {
		return nil, err
	}
	hash, err := CACertHash(ca.CertPEM)
	if err != nil {
		return nil, fmt.Errorf("bootstrap secrets of %s: the CA in the state store: %w", cluster, err)
	}
	return &Secrets{
		BootstrapToken: token,
		CertificateKey: key,
		CACertPEM:      ca.CertPEM,
		CAKeyPEM:       ca.KeyPEM,
		CACertHash:     hash,
	}, nil
}

// ensureSecret reads or makes the secret name and checks its format; the
// error never quotes the value.
func ensureSecret(ctx context.Context, store *statestore.Store, cluster, name string, format *regexp.Regexp, gen func(io.Reader) ([]byte, error)) (string, error) {
	val, err := store.EnsureSecretFunc(ctx, cluster, name, gen)
	if err != nil {
		return "", fmt.Errorf("bootstrap secrets of %s: %w", cluster, err)
	}
	if !format.Match(val) {
		return "", fmt.Errorf("bootstrap secrets of %s: secret %s in state store %s does not match %s; delete it to have a new one generated",
			cluster, name, store.URL(), format)
	}
	return string(val), nil
}

// CACertHash returns kubeadm's hash of the PEM CA certificate:
// "sha256:" and the hex SHA-256 of its DER SubjectPublicKeyInfo.
func CACertHash(certPEM []byte) (string, error) {
	b, _ := pem.Decode(certPEM)
	if b == nil || b.Type != "CERTIFICATE" {
		return "", errors.New("not a PEM certificate")
	}
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

const tokenAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newBootstrapToken returns a random kubeadm bootstrap token.
func newBootstrapToken(r io.Reader) (string, error) {
	s, err := randomString(r, 6+16)
	if err != nil {
		return "", fmt.Errorf("bootstrap token: %w", err)
	}
	return s[:6] + "." + s[6:], nil
}

// randomString returns n characters drawn uniformly from tokenAlphabet.
func randomString(r io.Reader, n int) (string, error) {
	// 252 = 7×36: bytes at or above it are dropped, so that every
	// character is equally likely.
	const limit = 252
	out := make([]byte, 0, n)
	buf := make([]byte, n)
	for len(out) < n {
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", err
		}
		for _, b := range buf {
			if b < limit && len(out) < n {
				out = append(out, tokenAlphabet[int(b)%len(tokenAlphabet)])
			}
		}
	}
	return string(out), nil
}

// newCertificateKey returns a random certificate key: 32 bytes in hex, the
// AES-256 key kubeadm expects.
func newCertificateKey(r io.Reader) (string, error) {
	raw := make([]byte, 32)
	if _, err := io.ReadFull(r, raw); err != nil {
		return "", fmt.Errorf("certificate key: %w", err)
	}
	return hex.EncodeToString(raw), nil
}

// String describes the secrets without revealing them.
func (s Secrets) String() string {
	return "bootstrap.Secrets{BootstrapToken:" + redact(len(s.BootstrapToken)) +
		" CertificateKey:" + redact(len(s.CertificateKey)) +
		" CACertPEM:" + strconv.Itoa(len(s.CACertPEM)) + " bytes" +
		" CAKeyPEM:" + redact(len(s.CAKeyPEM)) +
		" CACertHash:" + strconv.Quote(s.CACertHash) + "}"
}

// GoString is String, so that %#v redacts too.
func (s Secrets) GoString() string { return s.String() }

// Format writes String for every verb, so that no verb reveals a secret.
func (s Secrets) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = io.WriteString(f, strconv.Quote(s.String()))
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// LogValue makes slog log String.
func (s Secrets) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON refuses: secrets are kept in the state store, not copied
// into other documents.
func (s Secrets) MarshalJSON() ([]byte, error) {
	return nil, errors.New("bootstrap.Secrets is not marshalled, so that it is never written out; read it from the state store with EnsureSecrets")
}

func redact(n int) string {
	if n == 0 {
		return "<empty>"
	}
	return "<redacted>"
}

var (
	_ fmt.Stringer   = Secrets{}
	_ fmt.GoStringer = Secrets{}
	_ fmt.Formatter  = Secrets{}
	_ slog.LogValuer = Secrets{}
)
