package ec2

import (
	"bytes"
	"crypto/ed25519"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Key pair material: OpenSSH public keys in, PEM or OpenSSH private keys
// out, and fingerprints as EC2 computes them: for an imported RSA key the
// MD5 of its DER (SubjectPublicKeyInfo) encoding, for an RSA key EC2 made
// the SHA-1 of its PKCS#8 private key, for ED25519 keys the base64 SHA-256
// of the OpenSSH key blob, as OpenSSH prints it.

var errKeyFormat = errors.New("key is not in valid OpenSSH public key format")

// sshPublicKey is a parsed public key.
type sshPublicKey struct {
	typ  string // rsa | ed25519
	blob []byte // SSH wire encoding
	rsa  *rsa.PublicKey
}

// authorizedKey is the key as an authorized_keys line.
func (k sshPublicKey) authorizedKey() string {
	name := "ssh-rsa"
	if k.typ == "ed25519" {
		name = "ssh-ed25519"
	}
	return name + " " + base64.StdEncoding.EncodeToString(k.blob)
}

// parsePublicKey reads an OpenSSH public key line, an RFC 4716 key file,
// or a PEM or base64 DER SubjectPublicKeyInfo.
func parsePublicKey(material []byte) (sshPublicKey, error) {
	text := strings.TrimSpace(string(material))
	switch {
	case strings.HasPrefix(text, "---- BEGIN SSH2 PUBLIC KEY ----"):
		return parseRFC4716(text)
	case strings.HasPrefix(text, "-----BEGIN"):
		block, _ := pem.Decode([]byte(text))
		if block == nil {
			return sshPublicKey{}, errKeyFormat
		}
		if block.Type == "RSA PUBLIC KEY" {
			pub, err := x509.ParsePKCS1PublicKey(block.Bytes)
			if err != nil {
				return sshPublicKey{}, errKeyFormat
			}
			return fromCrypto(pub)
		}
		return parseDER(block.Bytes)
	}
	fields := strings.Fields(text)
	for i := 0; i+1 < len(fields); i++ {
		if fields[i] == "ssh-rsa" || fields[i] == "ssh-ed25519" {
			blob, err := base64.StdEncoding.DecodeString(fields[i+1])
			if err != nil {
				return sshPublicKey{}, errKeyFormat
			}
			return parseBlob(blob)
		}
	}
	if der, err := base64.StdEncoding.DecodeString(text); err == nil {
		return parseDER(der)
	}
	return sshPublicKey{}, errKeyFormat
}

func parseRFC4716(text string) (sshPublicKey, error) {
	var body strings.Builder
	continued := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "---- "):
		case continued || strings.Contains(line, ":"):
			continued = strings.HasSuffix(line, "\\")
		default:
			body.WriteString(line)
		}
	}
	blob, err := base64.StdEncoding.DecodeString(body.String())
	if err != nil {
		return sshPublicKey{}, errKeyFormat
	}
	return parseBlob(blob)
}

func parseDER(der []byte) (sshPublicKey, error) {
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return sshPublicKey{}, errKeyFormat
	}
	return fromCrypto(pub)
}

func fromCrypto(pub any) (sshPublicKey, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < 1024 || k.N.BitLen() > 16384 || k.E < 3 {
			return sshPublicKey{}, errKeyFormat
		}
		e := big.NewInt(int64(k.E))
		return sshPublicKey{typ: "rsa", rsa: k, blob: sshBlob([]byte("ssh-rsa"), mpint(e), mpint(k.N))}, nil
	case ed25519.PublicKey:
		return sshPublicKey{typ: "ed25519", blob: sshBlob([]byte("ssh-ed25519"), k)}, nil
	}
	return sshPublicKey{}, errKeyFormat
}

// parseBlob reads the SSH wire encoding of an RSA or ED25519 key.
func parseBlob(blob []byte) (sshPublicKey, error) {
	r := bytes.NewReader(blob)
	typ, err := readString(r)
	if err != nil {
		return sshPublicKey{}, errKeyFormat
	}
	switch string(typ) {
	case "ssh-rsa":
		e, err1 := readString(r)
		n, err2 := readString(r)
		if err1 != nil || err2 != nil || len(e) == 0 || len(e) > 4 || r.Len() != 0 {
			return sshPublicKey{}, errKeyFormat
		}
		exp := new(big.Int).SetBytes(e)
		return fromCrypto(&rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(exp.Int64())})
	case "ssh-ed25519":
		k, err := readString(r)
		if err != nil || len(k) != ed25519.PublicKeySize || r.Len() != 0 {
			return sshPublicKey{}, errKeyFormat
		}
		return fromCrypto(ed25519.PublicKey(k))
	}
	return sshPublicKey{}, errKeyFormat
}

func readString(r *bytes.Reader) ([]byte, error) {
	var n uint32
	if err := binary.Read(r, binary.BigEndian, &n); err != nil {
		return nil, err
	}
	if int64(n) > int64(r.Len()) {
		return nil, errKeyFormat
	}
	b := make([]byte, n)
	_, err := r.Read(b)
	return b, err
}

// sshBlob joins SSH strings.
func sshBlob(parts ...[]byte) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(p)))
		b.Write(p)
	}
	return b.Bytes()
}

// mpint is the SSH encoding of a positive integer: big-endian with a
// leading zero byte when the high bit is set.
func mpint(n *big.Int) []byte {
	b := n.Bytes()
	if len(b) > 0 && b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	return b
}

func colonHex(sum []byte) string {
	parts := make([]string, len(sum))
	for i, c := range sum {
		parts[i] = fmt.Sprintf("%02x", c)
	}
	return strings.Join(parts, ":")
}

// importedFingerprint is EC2's fingerprint of an imported key.
func importedFingerprint(k sshPublicKey) (string, error) {
	if k.typ == "ed25519" {
		sum := sha256.Sum256(k.blob)
		return base64.StdEncoding.EncodeToString(sum[:]), nil
	}
	der, err := x509.MarshalPKIXPublicKey(k.rsa)
	if err != nil {
		return "", err
	}
	sum := md5.Sum(der)
	return colonHex(sum[:]), nil
}

// generatedKey is a key pair EC2 made: the private key to hand out once.
type generatedKey struct {
	material    string
	fingerprint string
	public      sshPublicKey
}

func generateKey(typ, comment string) (generatedKey, error) {
	if typ == "ed25519" {
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return generatedKey{}, fmt.Errorf("generate ed25519 key: %w", err)
		}
		k, _ := fromCrypto(pub)
		sum := sha256.Sum256(k.blob)
		material, err := openSSHPrivateKey(k.blob, pub, priv, comment)
		if err != nil {
			return generatedKey{}, err
		}
		return generatedKey{material: material, fingerprint: base64.StdEncoding.EncodeToString(sum[:]), public: k}, nil
	}
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return generatedKey{}, fmt.Errorf("generate RSA key: %w", err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return generatedKey{}, fmt.Errorf("encode RSA key: %w", err)
	}
	sum := sha1.Sum(pkcs8)
	k, _ := fromCrypto(&priv.PublicKey)
	material := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(priv)})
	return generatedKey{material: strings.TrimSuffix(string(material), "\n"), fingerprint: colonHex(sum[:]), public: k}, nil
}

// openSSHPrivateKey writes an unencrypted ED25519 key in OpenSSH's format
// (PROTOCOL.key), as EC2 hands ED25519 keys out.
func openSSHPrivateKey(blob []byte, pub ed25519.PublicKey, priv ed25519.PrivateKey, comment string) (string, error) {
	var check [4]byte
	if _, err := rand.Read(check[:]); err != nil {
		return "", fmt.Errorf("generate ed25519 key: %w", err)
	}
	var section bytes.Buffer
	section.Write(check[:])
	section.Write(check[:])
	section.Write(sshBlob([]byte("ssh-ed25519"), pub, priv, []byte(comment)))
	for i := byte(1); section.Len()%8 != 0; i++ {
		section.WriteByte(i)
	}
	var out bytes.Buffer
	out.WriteString("openssh-key-v1\x00")
	out.Write(sshBlob([]byte("none"), []byte("none"), nil))
	_ = binary.Write(&out, binary.BigEndian, uint32(1))
	out.Write(sshBlob(blob, section.Bytes()))
	return strings.TrimSuffix(string(pem.EncodeToMemory(&pem.Block{Type: "OPENSSH PRIVATE KEY", Bytes: out.Bytes()})), "\n"), nil
}
