package ec2

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type keyPair struct {
	base
	Name        string    `json:"name"`
	Fingerprint string    `json:"fingerprint"`
	KeyType     string    `json:"type"` // rsa | ed25519
	PublicKey   string    `json:"publicKey"`
	Created     time.Time `json:"created"`
}

var keyPairs = &table[keyPair, *keyPair]{
	kind: "keypairs", prefix: "key", resourceType: "key-pair",
	notFoundCode: "InvalidKeyPair.NotFound", malformedCode: "InvalidKeyPairId.Malformed",
	missing: func(ids []string) string { return "The key pair '" + ids[0] + "' does not exist" },
}

// Key pairs are named; the index maps a name to the key pair's ID.
const keyNameKind = "keypair-names"

func keyPairNotFound(name string) error {
	return awsapi.BadRequest("InvalidKeyPair.NotFound", "The key pair '%s' does not exist", name)
}

// keyPairByName finds a key pair by name (RunInstances' KeyName).
func keyPairByName(tx *store.Tx, sc scope, name string) (*keyPair, bool, error) {
	var id string
	ok, err := sc.bucket(tx, keyNameKind).Get(name, &id)
	if err != nil || !ok {
		return nil, false, err
	}
	return keyPairs.find(tx, sc, id)
}

func validKeyName(name string) error {
	if name == "" {
		return missingParameter("KeyName")
	}
	if len(name) > 255 {
		return invalidParameterValue("Value (%s) for parameter keyName is invalid. Length exceeds maximum of 255.", name)
	}
	for _, c := range name {
		if c < 0x20 || c > 0x7e {
			return invalidParameterValue("Value (%s) for parameter keyName is invalid. Character sets beyond ASCII are not supported.", name)
		}
	}
	return nil
}

// saveKeyPair stores a new key pair under a free name.
func (s *Service) saveKeyPair(tx *store.Tx, sc scope, k *keyPair) error {
	names := sc.bucket(tx, keyNameKind)
	if names.Has(k.Name) {
		return awsapi.BadRequest("InvalidKeyPair.Duplicate", "The keypair '%s' already exists.", k.Name)
	}
	k.ID, k.Created = s.newID("key"), sc.now
	if err := names.Put(k.Name, k.ID); err != nil {
		return err
	}
	return keyPairs.put(tx, sc, k)
}

func (s *Service) importKeyPair(r *awsapi.Request, p awsapi.Params) (any, error) {
	name := p.Get("KeyName")
	if err := validKeyName(name); err != nil {
		return nil, err
	}
	raw, err := required(p, "PublicKeyMaterial")
	if err != nil {
		return nil, err
	}
	material, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		material = []byte(raw)
	}
	pub, err := parsePublicKey(material)
	if err != nil {
		return nil, awsapi.BadRequest("InvalidKey.Format", "Key is not in valid OpenSSH public key format")
	}
	fp, err := importedFingerprint(pub)
	if err != nil {
		return nil, err
	}
	tags, err := tagSpecs(p, "key-pair")
	if err != nil {
		return nil, err
	}
	k := &keyPair{base: base{Tags: tags}, Name: name, Fingerprint: fp, KeyType: pub.typ, PublicKey: pub.authorizedKey()}
	if err := s.update(r, func(tx *store.Tx, sc scope) error { return s.saveKeyPair(tx, sc, k) }); err != nil {
		return nil, err
	}
	return struct {
		KeyFingerprint string  `xml:"keyFingerprint"`
		KeyName        string  `xml:"keyName"`
		KeyPairID      string  `xml:"keyPairId"`
		Tags           tagsXML `xml:"tagSet"`
	}{k.Fingerprint, k.Name, k.ID, tagSet(k.Tags)}, nil
}

func (s *Service) createKeyPair(r *awsapi.Request, p awsapi.Params) (any, error) {
	name := p.Get("KeyName")
	if err := validKeyName(name); err != nil {
		return nil, err
	}
	typ := p.Get("KeyType")
	switch typ {
	case "":
		typ = "rsa"
	case "rsa", "ed25519":
	default:
		return nil, invalidParameterValue("Value (%s) for parameter keyType is invalid. Valid values: rsa, ed25519", typ)
	}
	switch f := p.Get("KeyFormat"); f {
	case "", "pem":
	case "ppk":
		return nil, invalidParameterValue("Key format ppk is not supported by fakeaws; ask for pem")
	default:
		return nil, invalidParameterValue("Value (%s) for parameter keyFormat is invalid. Valid values: pem, ppk", f)
	}
	tags, err := tagSpecs(p, "key-pair")
	if err != nil {
		return nil, err
	}
	// Check the name before spending time on an RSA key.
	if err := s.view(r, func(tx *store.Tx, sc scope) error {
		if sc.bucket(tx, keyNameKind).Has(name) {
			return awsapi.BadRequest("InvalidKeyPair.Duplicate", "The keypair '%s' already exists.", name)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	gen, err := generateKey(typ, name)
	if err != nil {
		return nil, err
	}
	k := &keyPair{base: base{Tags: tags}, Name: name, Fingerprint: gen.fingerprint, KeyType: typ, PublicKey: gen.public.authorizedKey()}
	if err := s.update(r, func(tx *store.Tx, sc scope) error { return s.saveKeyPair(tx, sc, k) }); err != nil {
		return nil, err
	}
	return struct {
		KeyPairID      string  `xml:"keyPairId"`
		KeyName        string  `xml:"keyName"`
		KeyFingerprint string  `xml:"keyFingerprint"`
		KeyMaterial    string  `xml:"keyMaterial"`
		Tags           tagsXML `xml:"tagSet"`
	}{k.ID, k.Name, k.Fingerprint, gen.material, tagSet(k.Tags)}, nil
}

func (s *Service) deleteKeyPair(r *awsapi.Request, p awsapi.Params) (any, error) {
	name, id := p.Get("KeyName"), p.Get("KeyPairId")
	if name == "" && id == "" {
		return nil, missingParameter("KeyName")
	}
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		var (
			k   *keyPair
			ok  bool
			err error
		)
		if id != "" {
			if !validID("key", id) {
				return keyPairs.malformed(id)
			}
			k, ok, err = keyPairs.find(tx, sc, id)
		} else {
			k, ok, err = keyPairByName(tx, sc, name)
		}
		if err != nil || !ok {
			return err // deleting a missing key pair succeeds
		}
		id = k.ID
		if err := sc.bucket(tx, keyNameKind).Delete(k.Name); err != nil {
			return err
		}
		return keyPairs.remove(tx, sc, k.ID)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Return    bool   `xml:"return"`
		KeyPairID string `xml:"keyPairId,omitempty"`
	}{true, id}, nil
}

type keyPairXML struct {
	KeyPairID      string  `xml:"keyPairId"`
	KeyName        string  `xml:"keyName"`
	KeyFingerprint string  `xml:"keyFingerprint"`
	KeyType        string  `xml:"keyType"`
	PublicKey      string  `xml:"publicKey,omitempty"`
	CreateTime     string  `xml:"createTime"`
	Tags           tagsXML `xml:"tagSet"`
}

var keyPairFilters = filterSpec[*keyPair]{
	"key-pair-id": func(k *keyPair) []string { return one(k.ID) },
	"key-name":    func(k *keyPair) []string { return one(k.Name) },
	"fingerprint": func(k *keyPair) []string { return one(k.Fingerprint) },
	"key-type":    func(k *keyPair) []string { return one(k.KeyType) },
}

func (s *Service) describeKeyPairs(r *awsapi.Request, p awsapi.Params) (any, error) {
	names, ids := dedupe(p.List("KeyName")), p.List("KeyPairId")
	withPublic, err := boolParam(p, "IncludePublicKey", false)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, keyPairFilters, recordTags[*keyPair])
	if err != nil {
		return nil, err
	}
	var found []*keyPair
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		if len(names) > 0 {
			var ids2 []string
			for _, n := range names {
				k, ok, err := keyPairByName(tx, sc, n)
				if err != nil {
					return err
				}
				if !ok {
					return keyPairNotFound(n)
				}
				ids2 = append(ids2, k.ID)
			}
			ids = append(ids, ids2...)
		}
		found, _, err = keyPairs.describe(tx, sc, ids, match, page{})
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]keyPairXML, len(found))
	for i, k := range found {
		out[i] = keyPairXML{k.ID, k.Name, k.Fingerprint, k.KeyType, "", timestamp(k.Created), tagSet(k.Tags)}
		if withPublic {
			out[i].PublicKey = strings.TrimSpace(k.PublicKey + " " + k.Name)
		}
	}
	return struct {
		KeyPairs items[keyPairXML] `xml:"keySet"`
	}{itemsOf(out)}, nil
}
