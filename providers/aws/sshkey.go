package aws

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

func (t *sshKeyTask) kind() string { return "SSHKey" }
func (t *sshKeyTask) name() string { return t.Name }
func (t *sshKeyTask) deps() []task { return nil }

// fields: the fingerprint stands for the key, which cannot change in
// place (a new key has a new name anyway, as kOps names keys by their
// fingerprint).
func (t *sshKeyTask) fields() []field {
	fp := t.fingerprint
	if fp == "" {
		fp, _ = awsKeyFingerprint(t.PublicKey)
	}
	return []field{fixed("KeyFingerprint", fp), fieldOf("Tags", t.Tags)}
}

func (t *sshKeyTask) find(ctx context.Context, c *Clients) (task, error) {
	if _, err := awsKeyFingerprint(t.PublicKey); err != nil {
		return nil, fmt.Errorf("the SSH public key: %w", err)
	}
	out, err := c.EC2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{KeyNames: []string{t.Name}})
	if isCode(err, "InvalidKeyPair.NotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	k, err := one(out.KeyPairs, "key pair", t.Name)
	if k == nil || err != nil {
		return nil, err
	}
	t.id = aws.ToString(k.KeyPairId)
	return &sshKeyTask{Name: t.Name, Tags: only(tagMap(k.Tags), t.Tags), id: t.id, fingerprint: aws.ToString(k.KeyFingerprint)}, nil
}

func (t *sshKeyTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.ImportKeyPair(ctx, &ec2.ImportKeyPairInput{
		KeyName:           aws.String(t.Name),
		PublicKeyMaterial: t.PublicKey,
		TagSpecifications: tagSpec(ec2types.ResourceTypeKeyPair, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.KeyPairId)
	return nil
}

func (t *sshKeyTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	for _, ch := range changes {
		if ch.Name == "Tags" {
			return tagEC2(ctx, c, t.id, t.Tags)
		}
	}
	return nil
}

// awsKeyFingerprint is the fingerprint EC2 shows for an imported key: for
// RSA the MD5 of the key's DER (SubjectPublicKeyInfo) encoding as
// colon-separated hex, which differs from OpenSSH's MD5 of the key blob;
// for ED25519 the SHA-256 of the key blob in padded base64.
func awsKeyFingerprint(publicKey []byte) (string, error) {
	typ, blob, err := parseAuthorizedKey(publicKey)
	if err != nil {
		return "", err
	}
	if typ == "ssh-ed25519" {
		sum := sha256.Sum256(blob)
		return base64.StdEncoding.EncodeToString(sum[:]), nil
	}
	pub, err := rsaKey(blob)
	if err != nil {
		return "", err
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(der)
	return colonHex(sum[:]), nil
}

// parseAuthorizedKey reads an OpenSSH public key line ("ssh-rsa AAAA…
// comment"): its type, which must be one EC2 imports, and its blob.
func parseAuthorizedKey(line []byte) (typ string, blob []byte, err error) {
	f := strings.Fields(string(line))
	if len(f) < 2 {
		return "", nil, errors.New("not an OpenSSH public key (\"ssh-rsa AAAA… comment\")")
	}
	if f[0] != "ssh-rsa" && f[0] != "ssh-ed25519" {
		return "", nil, fmt.Errorf("key type %s: EC2 imports only ssh-rsa and ssh-ed25519 keys", f[0])
	}
	blob, err = base64.StdEncoding.DecodeString(f[1])
	if err != nil {
		return "", nil, fmt.Errorf("not an OpenSSH public key: %w", err)
	}
	r := bytes.NewReader(blob)
	if name, err := sshString(r); err != nil || string(name) != f[0] {
		return "", nil, fmt.Errorf("not an OpenSSH public key: the blob is not a %s key", f[0])
	}
	return f[0], blob, nil
}

// rsaKey decodes an ssh-rsa key blob: string "ssh-rsa", mpint e, mpint n.
func rsaKey(blob []byte) (*rsa.PublicKey, error) {
	r := bytes.NewReader(blob)
	var parts [3][]byte
	for i := range parts {
		p, err := sshString(r)
		if err != nil {
			return nil, errors.New("not an OpenSSH public key: truncated ssh-rsa key")
		}
		parts[i] = p
	}
	e := new(big.Int).SetBytes(parts[1])
	if !e.IsInt64() || e.Int64() > 1<<31-1 {
		return nil, errors.New("ssh-rsa key: exponent too large")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(parts[2]), E: int(e.Int64())}, nil
}

// sshString reads a length-prefixed string of the SSH wire format.
func sshString(r *bytes.Reader) ([]byte, error) {
	var n uint32
	if err := binary.Read(r, binary.BigEndian, &n); err != nil {
		return nil, err
	}
	if int64(n) > int64(r.Len()) {
		return nil, errors.New("truncated")
	}
	b := make([]byte, n)
	_, err := r.Read(b)
	return b, err
}

func colonHex(sum []byte) string {
	h := hex.EncodeToString(sum)
	parts := make([]string, 0, len(sum))
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}
