package statestore

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"
)

// Keyset names and subjects.
const (
	CAKeyset      = "kubernetes-ca"
	AdminKeyset   = "admin"
	AdminGroup    = "system:masters"
	certValidity  = 10 // years, of the CA and of the admin certificate
	serialEntropy = 16 // bytes
)

// EnsureCA makes sure the cluster has its CA (CN kubernetes-ca) and an
// admin client certificate (CN admin, O system:masters) signed by it,
// generating what is missing, and returns both. Both are ECDSA P-256 and
// valid for 10 years from the store's clock. Concurrent callers end up
// with the same pairs: the first write wins and the others read it.
func (s *Store) EnsureCA(ctx context.Context, cluster string) (ca, admin *KeyPair, err error) {
	if err := checkName("cluster", cluster); err != nil {
		return nil, nil, err
	}
	if err := s.mustExist(ctx, cluster); err != nil {
		return nil, nil, err
	}
	ca, err = s.ensureKeyset(ctx, cluster, CAKeyset, func() (*KeyPair, error) { return s.issue(nil, CAKeyset, nil) })
	if err != nil {
		return nil, nil, err
	}
	admin, err = s.ensureKeyset(ctx, cluster, AdminKeyset, func() (*KeyPair, error) {
		return s.issue(ca, AdminKeyset, []string{AdminGroup})
	})
	return ca, admin, err
}

// ReadCA reads the cluster's CA.
func (s *Store) ReadCA(ctx context.Context, cluster string) (*KeyPair, error) {
	return s.readKeyset(ctx, cluster, CAKeyset)
}

// ReadAdmin reads the cluster's admin client certificate and key.
func (s *Store) ReadAdmin(ctx context.Context, cluster string) (*KeyPair, error) {
	return s.readKeyset(ctx, cluster, AdminKeyset)
}

func (s *Store) readKeyset(ctx context.Context, cluster, name string) (*KeyPair, error) {
	if err := checkName("cluster", cluster); err != nil {
		return nil, err
	}
	key := privateKey(cluster, name)
	data, _, err := s.b.Get(ctx, key)
	if errors.Is(err, ErrObjectNotFound) {
		return nil, newError(ErrNotFound, "cluster %s has no %s keyset in %s; it is created with the cluster (`drydock create cluster`)", cluster, name, s.url)
	}
	if err != nil {
		return nil, err
	}
	return parseKeyset(key, data)
}

// ensureKeyset reads the keyset name or writes the one gen makes, if
// absent, and then its issued (certificate-only) copy if absent.
func (s *Store) ensureKeyset(ctx context.Context, cluster, name string, gen func() (*KeyPair, error)) (*KeyPair, error) {
	kp, err := s.readKeyset(ctx, cluster, name)
	if errors.Is(err, ErrNotFound) {
		if kp, err = gen(); err != nil {
			return nil, err
		}
		data, err := marshalKeyset(name, kp, true)
		if err != nil {
			return nil, err
		}
		_, err = s.b.Put(ctx, privateKey(cluster, name), data, CreateOnly)
		if errors.Is(err, ErrPreconditionFailed) {
			kp, err = s.readKeyset(ctx, cluster, name) // another writer won
		}
		if err != nil {
			return nil, fmt.Errorf("write keyset %s of %s: %w", name, cluster, err)
		}
	} else if err != nil {
		return nil, err
	}
	data, err := marshalKeyset(name, kp, false)
	if err != nil {
		return nil, err
	}
	if _, err := s.b.Put(ctx, issuedKey(cluster, name), data, CreateOnly); err != nil && !errors.Is(err, ErrPreconditionFailed) {
		return nil, fmt.Errorf("write issued keyset %s of %s: %w", name, cluster, err)
	}
	return kp, nil
}

// issue makes a key pair: a self-signed CA when parent is nil, else a
// client certificate signed by parent.
func (s *Store) issue(parent *KeyPair, cn string, orgs []string) (*KeyPair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial := make([]byte, serialEntropy)
	if _, err := io.ReadFull(s.rand, serial); err != nil {
		return nil, fmt.Errorf("serial number: %w", err)
	}
	serial[0] &= 0x7f
	now := s.clock.Now().UTC().Truncate(time.Second)
	tmpl := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(serial),
		Subject:               pkix.Name{CommonName: cn, Organization: orgs},
		NotBefore:             now,
		NotAfter:              now.AddDate(certValidity, 0, 0),
		BasicConstraintsValid: true,
	}
	signerCert, signerKey := tmpl, any(key)
	if parent == nil {
		tmpl.IsCA = true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature
	} else {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		signerCert, signerKey = parent.Cert, parent.Key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signerCert, &key.PublicKey, signerKey)
	if err != nil {
		return nil, fmt.Errorf("issue %s: %w", cn, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return &KeyPair{
		Cert:    cert,
		Key:     key,
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}),
	}, nil
}
