package statestore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// EnsureSecretFunc returns the cluster's secret name (NAME/secrets/NAME),
// as EnsureSecret does, but makes a missing one with gen instead of a
// 32-character token. gen is given the store's source of randomness (see
// WithRand) and must return a non-empty value. Concurrent callers get the
// same value: the first write wins and the others read it.
func (s *Store) EnsureSecretFunc(ctx context.Context, cluster, name string, gen func(rand io.Reader) ([]byte, error)) ([]byte, error) {
	if err := checkName("cluster", cluster); err != nil {
		return nil, err
	}
	if err := checkName("secret", name); err != nil {
		return nil, err
	}
	if err := s.mustExist(ctx, cluster); err != nil {
		return nil, err
	}
	val, err := s.ReadSecret(ctx, cluster, name)
	if !errors.Is(err, ErrNotFound) {
		return val, err
	}
	if val, err = gen(s.rand); err != nil {
		return nil, fmt.Errorf("generate secret %s of %s: %w", name, cluster, err)
	}
	if len(val) == 0 {
		return nil, fmt.Errorf("generate secret %s of %s: the generator returned nothing", name, cluster)
	}
	data, err := json.Marshal(secret{Data: val})
	if err != nil {
		return nil, err
	}
	_, err = s.b.Put(ctx, secretKey(cluster, name), data, CreateOnly)
	if errors.Is(err, ErrPreconditionFailed) {
		return s.ReadSecret(ctx, cluster, name) // another writer won
	}
	if err != nil {
		return nil, fmt.Errorf("write secret %s of %s: %w", name, cluster, err)
	}
	return val, nil
}
