package statestore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// secret is kOps' stored secret: {"Data": base64}.
type secret struct {
	Data []byte `json:"Data"`
}

// EnsureSecret returns the cluster's secret name (NAME/secrets/NAME),
// generating a random 32-character token if absent. Concurrent callers
// get the same token.
func (s *Store) EnsureSecret(ctx context.Context, cluster, name string) ([]byte, error) {
	if err := checkName("secret", name); err != nil {
		return nil, err
	}
	if err := s.mustExist(ctx, cluster); err != nil {
		return nil, err
	}
	tok, err := s.ReadSecret(ctx, cluster, name)
	if !errors.Is(err, ErrNotFound) {
		return tok, err
	}
	raw := make([]byte, 24)
	if _, err := io.ReadFull(s.rand, raw); err != nil {
		return nil, err
	}
	tok = []byte(base64.RawURLEncoding.EncodeToString(raw))
	data, err := json.Marshal(secret{Data: tok})
	if err != nil {
		return nil, err
	}
	_, err = s.b.Put(ctx, secretKey(cluster, name), data, CreateOnly)
	if errors.Is(err, ErrPreconditionFailed) {
		return s.ReadSecret(ctx, cluster, name)
	}
	if err != nil {
		return nil, fmt.Errorf("write secret %s of %s: %w", name, cluster, err)
	}
	return tok, nil
}

// ReadSecret reads the cluster's secret name.
func (s *Store) ReadSecret(ctx context.Context, cluster, name string) ([]byte, error) {
	if err := checkName("cluster", cluster); err != nil {
		return nil, err
	}
	key := secretKey(cluster, name)
	data, _, err := s.b.Get(ctx, key)
	if errors.Is(err, ErrObjectNotFound) {
		return nil, newError(ErrNotFound, "cluster %s has no secret %s in %s", cluster, name, s.url)
	}
	if err != nil {
		return nil, err
	}
	var sec secret
	if err := json.Unmarshal(data, &sec); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return sec.Data, nil
}
