package statestore

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"

	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// keyset is kOps' kops.k8s.io/v1alpha2 Keyset, as stored under
// pki/private/NAME/keyset.yaml (certificate and key) and
// pki/issued/NAME/keyset.yaml (certificate only). Materials are PEM,
// base64-encoded in the YAML as kOps' []byte fields are.
type keyset struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name              string   `json:"name"`
		CreationTimestamp api.Time `json:"creationTimestamp"`
	} `json:"metadata"`
	Spec struct {
		Type      string        `json:"type"`
		PrimaryID string        `json:"primaryID"`
		Keys      []keysetEntry `json:"keys"`
	} `json:"spec"`
}

type keysetEntry struct {
	ID              string `json:"id"`
	PublicMaterial  []byte `json:"publicMaterial,omitempty"`
	PrivateMaterial []byte `json:"privateMaterial,omitempty"`
}

// KeyPair is a certificate and its private key.
type KeyPair struct {
	Cert    *x509.Certificate
	Key     crypto.Signer
	CertPEM []byte
	KeyPEM  []byte
}

// marshalKeyset writes kp as the keyset name, with its key if private.
func marshalKeyset(name string, kp *KeyPair, private bool) ([]byte, error) {
	ks := keyset{APIVersion: api.APIVersion, Kind: "Keyset"}
	ks.Metadata.Name = name
	ks.Metadata.CreationTimestamp = api.NewTime(kp.Cert.NotBefore)
	id := kp.Cert.SerialNumber.String()
	ks.Spec.Type, ks.Spec.PrimaryID = "Keypair", id
	e := keysetEntry{ID: id, PublicMaterial: kp.CertPEM}
	if private {
		e.PrivateMaterial = kp.KeyPEM
	}
	ks.Spec.Keys = []keysetEntry{e}
	return yaml.Marshal(ks)
}

// parseKeyset reads the primary key pair of a private keyset.
func parseKeyset(key string, data []byte) (*KeyPair, error) {
	var ks keyset
	if err := yaml.Unmarshal(data, &ks); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	for _, e := range ks.Spec.Keys {
		if e.ID != ks.Spec.PrimaryID {
			continue
		}
		kp := &KeyPair{CertPEM: e.PublicMaterial, KeyPEM: e.PrivateMaterial}
		b, _ := pem.Decode(e.PublicMaterial)
		if b == nil || b.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("%s: publicMaterial is not a PEM certificate", key)
		}
		cert, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		kp.Cert = cert
		if b, _ = pem.Decode(e.PrivateMaterial); b == nil {
			return nil, fmt.Errorf("%s: privateMaterial is not a PEM private key", key)
		}
		k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		signer, ok := k.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%s: private key of type %T cannot sign", key, k)
		}
		kp.Key = signer
		return kp, nil
	}
	return nil, fmt.Errorf("%s: no key with the primary id %q", key, ks.Spec.PrimaryID)
}
