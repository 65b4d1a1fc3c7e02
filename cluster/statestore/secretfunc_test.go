package statestore_test

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// hexGen makes an 8-byte secret, hex-encoded, from the reader it is given.
func hexGen(r io.Reader) ([]byte, error) {
	raw := make([]byte, 8)
	if _, err := io.ReadFull(r, raw); err != nil {
		return nil, err
	}
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 16)
	for _, b := range raw {
		out = append(out, digits[b>>4], digits[b&15])
	}
	return out, nil
}

func TestEnsureSecretFunc(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s := open(t)
		if _, err := s.EnsureSecretFunc(ctx, clusterName, "key", hexGen); !errors.Is(err, statestore.ErrNotFound) {
			t.Errorf("before create: %v, want ErrNotFound", err)
		}
		create(t, s)
		got, err := s.EnsureSecretFunc(ctx, clusterName, "key", hexGen)
		if err != nil || len(got) != 16 {
			t.Fatalf("EnsureSecretFunc = %q, %v; want 16 hex digits", got, err)
		}
		if stored, err := s.ReadSecret(ctx, clusterName, "key"); err != nil || string(stored) != string(got) {
			t.Errorf("ReadSecret = %q, %v; want %q", stored, err, got)
		}
		called := false
		again, err := s.EnsureSecretFunc(ctx, clusterName, "key", func(io.Reader) ([]byte, error) {
			called = true
			return []byte("other"), nil
		})
		if err != nil || string(again) != string(got) || called {
			t.Errorf("second call = %q, %v (generator called: %v); want %q without generating", again, err, called, got)
		}

		errGen := errors.New("no entropy")
		if _, err := s.EnsureSecretFunc(ctx, clusterName, "other", func(io.Reader) ([]byte, error) { return nil, errGen }); !errors.Is(err, errGen) {
			t.Errorf("failing generator: %v, want %v", err, errGen)
		}
		if _, err := s.EnsureSecretFunc(ctx, clusterName, "empty", func(io.Reader) ([]byte, error) { return nil, nil }); err == nil {
			t.Error("empty secret accepted")
		}
		if _, err := s.ReadSecret(ctx, clusterName, "other"); !errors.Is(err, statestore.ErrNotFound) {
			t.Errorf("a failed generation stored something: %v", err)
		}
		if _, err := s.EnsureSecretFunc(ctx, clusterName, "../x", hexGen); err == nil {
			t.Error("secret name ../x accepted")
		}
	})
}

// TestConcurrentEnsureSecretFunc: stores with different random sources
// racing for one secret end up with the same value.
func TestConcurrentEnsureSecretFunc(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		const n = 4
		stores := make([]*statestore.Store, n)
		for i := range stores {
			stores[i] = open(t, statestore.WithRand(rand.NewChaCha8([32]byte{byte(10 + i)})))
		}
		create(t, stores[0])
		got := make([]string, n)
		edits := make([]func() error, n)
		for i := range edits {
			edits[i] = func() error {
				v, err := stores[i].EnsureSecretFunc(context.Background(), clusterName, "key", hexGen)
				got[i] = string(v)
				return err
			}
		}
		for i, err := range race(edits...) {
			if err != nil {
				t.Fatalf("store %d: %v", i, err)
			}
		}
		for i := range got {
			if got[i] != got[0] {
				t.Fatalf("stores disagree: %q", got)
			}
		}
	})
}
