package ec2_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha1"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// Known answers, computed with OpenSSH and OpenSSL as AWS's documentation
// says: for the RSA key,
//
//	ssh-keygen -e -f key.pub -m PEM | openssl rsa -RSAPublicKey_in -outform DER | openssl md5 -c
//
// and for the ED25519 key, ssh-keygen -l (with the base64 padding EC2 keeps).
const (
	rsaPublicKey       = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDg97dIxbQOI/EG44gcNNLYIRwp6my+DAxrCSDRw1jODx5/W99VNv/RvFKhPt1jjbP6w0Wyu3ioMqUBy2DawGzJMHCFuJC8JVy6vLt4pgkkRpPfO7SUArvfMNMUAq1Ycf+yAdk3kRlsfVT0bI22dPj37jqHWdh+nkIHwUYisk2ybHVLJKhwS1SOhDLFfyhrKsGcatSh0hehyojq2y29mD5+6GnjnUVP94YTbbn1xdcGltap43/3ZQsxvPu0K32gtH9R8IyuGB1XHvhr3y2QhXdcGEv7FNW3XFP+aYxHj3ZoTCV6iX+bXRgs7LKXuktOo9erdYk2mPLB8ha9pVhRjANP alice@example"
	rsaFingerprint     = "d8:97:a1:01:69:8d:c5:98:1b:9b:5a:15:02:6c:c8:d3"
	ed25519PublicKey   = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGnIHSEOweVSQbSmu9BBTaCwKYl1qLwdaawPd3UHPcDa bob@example"
	ed25519Fingerprint = "2yRqC+L6089dljAjWApqcFrMm4B6ZsjlXNsgQUlZLhw="
)

var reKeyPairID = regexp.MustCompile(`^key-[0-9a-f]{17}$`)

func TestImportKeyPair(t *testing.T) {
	h := start(t, fakeec2.Config{})
	for _, tc := range []struct {
		name, material, fingerprint string
		typ                         types.KeyType
	}{
		{"rsa", rsaPublicKey, rsaFingerprint, types.KeyTypeRsa},
		{"ed25519", ed25519PublicKey, ed25519Fingerprint, types.KeyTypeEd25519},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := must[*ec2.ImportKeyPairOutput](t)(h.ec2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{
				KeyName: aws.String(tc.name), PublicKeyMaterial: []byte(tc.material),
				TagSpecifications: tagSpec(types.ResourceTypeKeyPair, "owner", "ops"),
			}))
			if aws.ToString(out.KeyFingerprint) != tc.fingerprint || aws.ToString(out.KeyName) != tc.name ||
				!reKeyPairID.MatchString(aws.ToString(out.KeyPairId)) || tagMap(out.Tags)["owner"] != "ops" {
				t.Fatalf("ImportKeyPair = %+v, want fingerprint %s", out, tc.fingerprint)
			}
			got := must[*ec2.DescribeKeyPairsOutput](t)(h.ec2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{
				KeyNames: []string{tc.name}, IncludePublicKey: aws.Bool(true),
			})).KeyPairs
			fields := strings.Fields(tc.material)
			if len(got) != 1 || got[0].KeyType != tc.typ || aws.ToString(got[0].KeyFingerprint) != tc.fingerprint ||
				!strings.HasPrefix(aws.ToString(got[0].PublicKey), fields[0]+" "+fields[1]) || !aws.ToTime(got[0].CreateTime).Equal(epoch) {
				t.Fatalf("DescribeKeyPairs = %+v", got)
			}
		})
	}
	_, err := h.ec2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{KeyName: aws.String("rsa"), PublicKeyMaterial: []byte(rsaPublicKey)})
	wantErr(t, err, "InvalidKeyPair.Duplicate", "The keypair 'rsa' already exists.")
	for _, bad := range []string{"ssh-rsa AAAA", "hello", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGnI", "ecdsa-sha2-nistp256 AAAAE2VjZHNh"} {
		_, err = h.ec2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{KeyName: aws.String("bad"), PublicKeyMaterial: []byte(bad)})
		wantErr(t, err, "InvalidKey.Format", "")
	}
	// An RFC 4716 file of the same key imports with the same fingerprint.
	blob := strings.Fields(ed25519PublicKey)[1]
	rfc := "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"bob\"\n" + blob + "\n---- END SSH2 PUBLIC KEY ----\n"
	out := must[*ec2.ImportKeyPairOutput](t)(h.ec2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{KeyName: aws.String("rfc"), PublicKeyMaterial: []byte(rfc)}))
	if aws.ToString(out.KeyFingerprint) != ed25519Fingerprint {
		t.Fatalf("RFC 4716 fingerprint = %s", aws.ToString(out.KeyFingerprint))
	}
}

func TestCreateKeyPair(t *testing.T) {
	h := start(t, fakeec2.Config{})
	rsaOut := must[*ec2.CreateKeyPairOutput](t)(h.ec2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("made-rsa")}))
	block, _ := pem.Decode([]byte(aws.ToString(rsaOut.KeyMaterial)))
	if block == nil || block.Type != "RSA PRIVATE KEY" {
		t.Fatalf("RSA KeyMaterial = %q", aws.ToString(rsaOut.KeyMaterial))
	}
	priv, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(priv)
	if want := colonHex(sha1.Sum(pkcs8)); aws.ToString(rsaOut.KeyFingerprint) != want || priv.N.BitLen() != 2048 {
		t.Fatalf("RSA fingerprint %s, want SHA-1 of PKCS#8 %s", aws.ToString(rsaOut.KeyFingerprint), want)
	}

	edOut := must[*ec2.CreateKeyPairOutput](t)(h.ec2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("made-ed"), KeyType: types.KeyTypeEd25519}))
	pub, key := parseOpenSSHEd25519(t, aws.ToString(edOut.KeyMaterial))
	if !bytes.Equal(key.Public().(ed25519.PublicKey), pub) {
		t.Fatal("ED25519 private key does not match its public key")
	}
	described := must[*ec2.DescribeKeyPairsOutput](t)(h.ec2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{
		KeyPairIds: []string{aws.ToString(edOut.KeyPairId)}, IncludePublicKey: aws.Bool(true),
	})).KeyPairs[0]
	if described.KeyType != types.KeyTypeEd25519 || aws.ToString(described.KeyFingerprint) != aws.ToString(edOut.KeyFingerprint) ||
		!strings.HasPrefix(aws.ToString(described.PublicKey), "ssh-ed25519 ") {
		t.Fatalf("described ED25519 key = %+v", described)
	}

	_, err = h.ec2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("made-rsa")})
	wantErr(t, err, "InvalidKeyPair.Duplicate", "")
	_, err = h.ec2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("x"), KeyType: "dsa"})
	wantErr(t, err, "InvalidParameterValue", "")

	// Filters, then deletion (twice: deleting a missing key pair succeeds).
	got := must[*ec2.DescribeKeyPairsOutput](t)(h.ec2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{Filters: []types.Filter{filter("key-type", "ed25519")}})).KeyPairs
	if len(got) != 1 || aws.ToString(got[0].KeyName) != "made-ed" || got[0].PublicKey != nil {
		t.Fatalf("key-type filter = %+v", got)
	}
	for i := 0; i < 2; i++ {
		must[*ec2.DeleteKeyPairOutput](t)(h.ec2.DeleteKeyPair(ctx, &ec2.DeleteKeyPairInput{KeyName: aws.String("made-rsa")}))
	}
	must[*ec2.DeleteKeyPairOutput](t)(h.ec2.DeleteKeyPair(ctx, &ec2.DeleteKeyPairInput{KeyPairId: edOut.KeyPairId}))
	_, err = h.ec2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{KeyNames: []string{"made-rsa"}})
	wantErr(t, err, "InvalidKeyPair.NotFound", "The key pair 'made-rsa' does not exist")
	_, err = h.ec2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{KeyPairIds: []string{aws.ToString(edOut.KeyPairId)}})
	wantErr(t, err, "InvalidKeyPair.NotFound", "")
	if n := len(must[*ec2.DescribeKeyPairsOutput](t)(h.ec2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{})).KeyPairs); n != 0 {
		t.Fatalf("%d key pairs left", n)
	}
	// The name is free again.
	must[*ec2.CreateKeyPairOutput](t)(h.ec2.CreateKeyPair(ctx, &ec2.CreateKeyPairInput{KeyName: aws.String("made-rsa"), KeyType: types.KeyTypeEd25519}))
}

func colonHex[T ~[20]byte](sum T) string {
	parts := make([]string, len(sum))
	for i, c := range sum {
		parts[i] = fmt.Sprintf("%02x", c)
	}
	return strings.Join(parts, ":")
}

// parseOpenSSHEd25519 reads an unencrypted OpenSSH ED25519 private key
// (PROTOCOL.key) and returns its public and private keys.
func parseOpenSSHEd25519(t *testing.T, material string) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	block, _ := pem.Decode([]byte(material))
	if block == nil || block.Type != "OPENSSH PRIVATE KEY" {
		t.Fatalf("ED25519 KeyMaterial = %q", material)
	}
	r := bytes.NewReader(block.Bytes)
	magic := make([]byte, 15)
	r.Read(magic)
	if string(magic) != "openssh-key-v1\x00" {
		t.Fatalf("magic %q", magic)
	}
	str := func() []byte {
		var n uint32
		if err := binary.Read(r, binary.BigEndian, &n); err != nil || int(n) > r.Len() {
			t.Fatalf("bad OpenSSH key: %v", err)
		}
		b := make([]byte, n)
		r.Read(b)
		return b
	}
	if cipher, kdf := string(str()), string(str()); cipher != "none" || kdf != "none" {
		t.Fatalf("cipher %s kdf %s", cipher, kdf)
	}
	str() // kdf options
	var nkeys uint32
	binary.Read(r, binary.BigEndian, &nkeys)
	str() // public key blob
	section := str()
	r = bytes.NewReader(section)
	var c1, c2 uint32
	binary.Read(r, binary.BigEndian, &c1)
	binary.Read(r, binary.BigEndian, &c2)
	if nkeys != 1 || c1 != c2 || string(str()) != "ssh-ed25519" {
		t.Fatal("bad OpenSSH private section")
	}
	return ed25519.PublicKey(str()), ed25519.PrivateKey(str())
}
