package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Public IPv4 addresses come from the documentation ranges (RFC 5737),
// shared by every account as AWS's pool is: a cursor walks the pool so
// that a released address is not handed out again until the others have
// been, and addresses in use are skipped.

var publicPools = []struct {
	prefix [3]byte
}{{[3]byte{203, 0, 113}}, {[3]byte{198, 51, 100}}, {[3]byte{192, 0, 2}}}

const poolHosts = 254 // .1 to .254 of each /24

func publicPoolSize() int { return len(publicPools) * poolHosts }

func publicAddr(i int) string {
	p := publicPools[i/poolHosts].prefix
	host := byte(i%poolHosts + 1)
	return addrOf(uint32(p[0])<<24 | uint32(p[1])<<16 | uint32(p[2])<<8 | uint32(host)).String()
}

func publicIPBucket(tx *store.Tx) *store.Bucket { return tx.Bucket("ec2", "publicips") }

// allocatePublicIP takes the next free public address for owner (a
// description such as ACCOUNT/REGION/eipalloc-…).
func (s *Service) allocatePublicIP(tx *store.Tx, owner string) (string, error) {
	b := publicIPBucket(tx)
	inUse := b.Sub("inuse")
	cursor := 0
	if _, err := b.Get("cursor", &cursor); err != nil {
		return "", err
	}
	size := publicPoolSize()
	for try := 0; try < size; try++ {
		i := (cursor + try) % size
		ip := publicAddr(i)
		if inUse.Has(ip) {
			continue
		}
		if err := inUse.Put(ip, owner); err != nil {
			return "", err
		}
		return ip, b.Put("cursor", (i+1)%size)
	}
	return "", awsapi.BadRequest("AddressLimitExceeded", "The maximum number of addresses has been reached.")
}

// releasePublicIP returns ip to the pool.
func (s *Service) releasePublicIP(tx *store.Tx, ip string) error {
	return publicIPBucket(tx).Sub("inuse").Delete(ip)
}
