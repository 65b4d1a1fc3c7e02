package route53

import (
	"slices"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// zone is a hosted zone as stored.
type zone struct {
	ID              string            `json:"id"`   // Z…, without /hostedzone/
	Name            string            `json:"name"` // canonical, trailing dot
	CallerReference string            `json:"callerReference"`
	Comment         string            `json:"comment,omitempty"`
	Private         bool              `json:"private,omitempty"`
	VPCs            []vpc             `json:"vpcs,omitempty"`
	NameServers     []string          `json:"nameServers"` // without trailing dot
	Tags            map[string]string `json:"tags,omitempty"`
	// ChangeID is the change that created the zone, answered again when a
	// CreateHostedZone is retried with the same caller reference.
	ChangeID string    `json:"changeId"`
	Created  time.Time `json:"created"`
}

type vpc struct {
	ID     string `json:"id"`
	Region string `json:"region"`
}

func (z *zone) hasVPC(v vpc) bool { return slices.Contains(z.VPCs, v) }

// rrset is a resource record set as stored.
type rrset struct {
	Name          string       `json:"name"` // canonical
	Type          string       `json:"type"`
	SetIdentifier string       `json:"setIdentifier,omitempty"`
	Weight        *int64       `json:"weight,omitempty"`
	Region        string       `json:"region,omitempty"`
	Failover      string       `json:"failover,omitempty"`
	MultiValue    *bool        `json:"multiValue,omitempty"`
	Geo           *geoLocation `json:"geo,omitempty"`
	TTL           *int64       `json:"ttl,omitempty"`
	Records       []string     `json:"records,omitempty"`
	Alias         *alias       `json:"alias,omitempty"`
	HealthCheckID string       `json:"healthCheckId,omitempty"`
}

type geoLocation struct {
	ContinentCode   string `json:"continent,omitempty"`
	CountryCode     string `json:"country,omitempty"`
	SubdivisionCode string `json:"subdivision,omitempty"`
}

type alias struct {
	ZoneID               string `json:"zoneId"`
	DNSName              string `json:"dnsName"` // canonical
	EvaluateTargetHealth bool   `json:"evaluateTargetHealth"`
}

// change is a submitted change; its status is computed from Submitted and
// the service's change delay.
type change struct {
	ID        string    `json:"id"` // C…, without /change/
	Submitted time.Time `json:"submitted"`
	Comment   string    `json:"comment,omitempty"`
}

// Buckets, all under account/route53.
const (
	service      = "route53"
	kindZones    = "zones"
	kindRefs     = "callerrefs" // caller reference → zone ID
	kindRecords  = "rrsets"     // zone ID → sort key → rrset
	kindChanges  = "changes"
	ttlSOA       = 900
	ttlNS        = 172800
	maxRRSets    = 10000
	maxZoneVPCs  = 300
	maxZones     = 500
	maxTags      = 50
	maxListZones = 100
	maxListSets  = 300
)

func zonesBucket(tx *store.Tx, account string) *store.Bucket {
	return tx.Bucket(account, service, kindZones)
}

func refsBucket(tx *store.Tx, account string) *store.Bucket {
	return tx.Bucket(account, service, kindRefs)
}

func recordsBucket(tx *store.Tx, account, zoneID string) *store.Bucket {
	return tx.Bucket(account, service, kindRecords, zoneID)
}

func changesBucket(tx *store.Tx, account string) *store.Bucket {
	return tx.Bucket(account, service, kindChanges)
}

// setKey is where an rrset is stored: the reversed name, then type, then
// set identifier, so that a key scan lists record sets in the order
// Route 53 sorts them and a prefix scan finds every set at a name.
func setKey(n name, typ, setID string) string {
	return n.key() + "\x00" + typ + "\x00" + setID
}

// namePrefix is the key prefix of every record set at n.
func namePrefix(n name) string { return n.key() + "\x00" }

func (r *rrset) key() string {
	n, _ := parseName(r.Name)
	return setKey(n, r.Type, r.SetIdentifier)
}

func loadZone(tx *store.Tx, account, id string) (zone, bool, error) {
	return store.Get[zone](zonesBucket(tx, account), id)
}

// setsAt returns the record sets stored at n in the zone.
func setsAt(tx *store.Tx, account, zoneID string, n name) ([]rrset, error) {
	return store.List[rrset](recordsBucket(tx, account, zoneID), namePrefix(n))
}

// hasBelow reports whether any record set lies strictly below n.
func hasBelow(tx *store.Tx, account, zoneID string, n name) (bool, error) {
	found := false
	// Keys at n itself continue the prefix with "\x00"; those below it
	// with a label, which sorts after "\x01".
	err := recordsBucket(tx, account, zoneID).Scan(n.key(), n.key()+"\x01", func(string, []byte) (bool, error) {
		found = true
		return false, nil
	})
	return found, err
}
