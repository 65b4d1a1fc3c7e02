package statestore_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// storedCert reads the certificate of a keyset as stored, as kOps would.
func storedCert(t *testing.T, s *statestore.Store, key string, wantPrivate bool) *x509.Certificate {
	t.Helper()
	data, _, err := s.Backend().Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	var ks struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name              string `json:"name"`
			CreationTimestamp string `json:"creationTimestamp"`
		} `json:"metadata"`
		Spec struct {
			Type      string `json:"type"`
			PrimaryID string `json:"primaryID"`
			Keys      []struct {
				ID              string `json:"id"`
				PublicMaterial  string `json:"publicMaterial"`
				PrivateMaterial string `json:"privateMaterial"`
			} `json:"keys"`
		} `json:"spec"`
	}
	if err := yaml.UnmarshalStrict(data, &ks); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	if ks.APIVersion != "kops.k8s.io/v1alpha2" || ks.Kind != "Keyset" || ks.Spec.Type != "Keypair" || len(ks.Spec.Keys) != 1 || ks.Spec.Keys[0].ID != ks.Spec.PrimaryID {
		t.Fatalf("%s: not a kOps keyset:\n%s", key, data)
	}
	if (ks.Spec.Keys[0].PrivateMaterial != "") != wantPrivate {
		t.Errorf("%s: private material present = %v, want %v", key, !wantPrivate, wantPrivate)
	}
	pub, err := base64.StdEncoding.DecodeString(ks.Spec.Keys[0].PublicMaterial)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(pub)
	if b == nil || b.Type != "CERTIFICATE" {
		t.Fatalf("%s: publicMaterial is not a PEM certificate", key)
	}
	cert, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if cert.SerialNumber.String() != ks.Spec.PrimaryID {
		t.Errorf("%s: id %s, serial %s", key, ks.Spec.PrimaryID, cert.SerialNumber)
	}
	return cert
}

func TestPKI(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		ctx := context.Background()
		s := open(t)
		if _, _, err := s.EnsureCA(ctx, clusterName); !errors.Is(err, statestore.ErrNotFound) {
			t.Errorf("EnsureCA before create: %v, want ErrNotFound", err)
		}
		create(t, s)
		ca, admin, err := s.EnsureCA(ctx, clusterName)
		if err != nil {
			t.Fatal(err)
		}
		caCert := storedCert(t, s, "k8s.example.com/pki/private/kubernetes-ca/keyset.yaml", true)
		adminCert := storedCert(t, s, "k8s.example.com/pki/private/admin/keyset.yaml", true)
		storedCert(t, s, "k8s.example.com/pki/issued/kubernetes-ca/keyset.yaml", false)
		storedCert(t, s, "k8s.example.com/pki/issued/admin/keyset.yaml", false)

		if !caCert.IsCA || caCert.Subject.CommonName != "kubernetes-ca" ||
			!caCert.NotBefore.Equal(epoch) || !caCert.NotAfter.Equal(epoch.AddDate(10, 0, 0)) {
			t.Errorf("CA: CN %q IsCA %v valid %v..%v", caCert.Subject.CommonName, caCert.IsCA, caCert.NotBefore, caCert.NotAfter)
		}
		if adminCert.Subject.CommonName != "admin" || len(adminCert.Subject.Organization) != 1 || adminCert.Subject.Organization[0] != "system:masters" {
			t.Errorf("admin subject %v", adminCert.Subject)
		}
		roots := x509.NewCertPool()
		roots.AddCert(caCert)
		if _, err := adminCert.Verify(x509.VerifyOptions{
			Roots: roots, CurrentTime: epoch.AddDate(1, 0, 0), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		}); err != nil {
			t.Errorf("admin does not chain to the CA: %v", err)
		}
		// The serials come from the injected reader.
		if want := "142094834735869673054694008638315352647"; caCert.SerialNumber.String() != want {
			t.Errorf("CA serial %s, want %s from the injected reader", caCert.SerialNumber, want)
		}

		// Idempotent, and what Read returns is what Ensure made.
		ca2, admin2, err := s.EnsureCA(ctx, clusterName)
		if err != nil || !ca2.Cert.Equal(ca.Cert) || !admin2.Cert.Equal(admin.Cert) {
			t.Errorf("second EnsureCA made new pairs (%v)", err)
		}
		readCA, err := s.ReadCA(ctx, clusterName)
		if err != nil || !readCA.Cert.Equal(caCert) || !readCA.Key.Public().(*ecdsa.PublicKey).Equal(ca.Key.Public()) {
			t.Errorf("ReadCA: %v", err)
		}
		readAdmin, err := s.ReadAdmin(ctx, clusterName)
		if err != nil || !readAdmin.Cert.Equal(adminCert) {
			t.Errorf("ReadAdmin: %v", err)
		}
		tok, err := s.EnsureSecret(ctx, clusterName, "admin")
		if err != nil || len(tok) != 32 {
			t.Fatalf("EnsureSecret = %q, %v", tok, err)
		}
		if again, err := s.ReadSecret(ctx, clusterName, "admin"); err != nil || string(again) != string(tok) {
			t.Errorf("ReadSecret = %q, %v; want %q", again, err, tok)
		}
	})
}

// TestConcurrentEnsureCA: racing stores end up with one CA.
func TestConcurrentEnsureCA(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open opener) {
		a, b := open(t), open(t)
		create(t, a)
		cas := make([]*statestore.KeyPair, 2)
		errs := race(
			func() (err error) { cas[0], _, err = a.EnsureCA(context.Background(), clusterName); return err },
			func() (err error) { cas[1], _, err = b.EnsureCA(context.Background(), clusterName); return err },
		)
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		if !cas[0].Cert.Equal(cas[1].Cert) {
			t.Error("two CAs for one cluster")
		}
	})
}
