package integration

import (
	"crypto/sha256"
	"sort"
	"sync"
	"time"
)

// The crash test's record of writes: every write attempted, and for those
// the server acknowledged (a 2xx received), what it answered.

// objectWrite is a PutObject.
type objectWrite struct {
	Key    string
	SHA256 [sha256.Size]byte
	Size   int64
	ETag   string // from the PutObject response
	// LastModified is from a HeadObject right after the put; zero if that
	// did not answer (the server was killed). Then NotBefore..NotAfter
	// bound it: the put was sent after NotBefore and answered before
	// NotAfter.
	LastModified        time.Time
	NotBefore, NotAfter time.Time
}

// roleWrite is a CreateRole.
type roleWrite struct {
	Name, Path, Description string
	ID, ARN                 string
	Created                 time.Time
}

// sessionWrite is an AssumeRole.
type sessionWrite struct {
	Role                      roleWrite
	Session                   string
	AccessKey, Secret, Token  string
	AssumedRoleID, AssumedARN string
	Expiration                time.Time
}

// ackLog is shared by the writers of every round.
type ackLog struct {
	mu           sync.Mutex
	objects      map[string]objectWrite // acknowledged, by key
	triedObjects map[string]objectWrite // attempted, by key
	roles        map[string]roleWrite   // acknowledged, by name
	triedRoles   map[string]bool        // attempted, by name
	sessions     []sessionWrite         // acknowledged
}

func newAckLog() *ackLog {
	return &ackLog{
		objects:      map[string]objectWrite{},
		triedObjects: map[string]objectWrite{},
		roles:        map[string]roleWrite{},
		triedRoles:   map[string]bool{},
	}
}

func (l *ackLog) tryObject(o objectWrite) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.triedObjects[o.Key] = o
}

func (l *ackLog) ackObject(o objectWrite) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.objects[o.Key] = o
}

func (l *ackLog) setLastModified(key string, t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	o := l.objects[key]
	o.LastModified = t
	l.objects[key] = o
}

func (l *ackLog) tryRole(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.triedRoles[name] = true
}

func (l *ackLog) ackRole(r roleWrite) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roles[r.Name] = r
}

func (l *ackLog) ackSession(s sessionWrite) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sessions = append(l.sessions, s)
}

// role picks the acknowledged role at index i modulo their number, in name
// order; false if there is none.
func (l *ackLog) role(i int) (roleWrite, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.roles) == 0 {
		return roleWrite{}, false
	}
	names := make([]string, 0, len(l.roles))
	for n := range l.roles {
		names = append(names, n)
	}
	sort.Strings(names)
	return l.roles[names[i%len(names)]], true
}

// snapshot is a copy of the log for verification.
type snapshot struct {
	objects      []objectWrite
	triedObjects map[string]objectWrite // attempted and not acknowledged
	roles        []roleWrite
	triedRoles   map[string]bool // attempted and not acknowledged
	sessions     []sessionWrite
}

func (l *ackLog) snapshot() snapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := snapshot{triedObjects: map[string]objectWrite{}, triedRoles: map[string]bool{}}
	for _, o := range l.objects {
		s.objects = append(s.objects, o)
	}
	for k, o := range l.triedObjects {
		if _, ok := l.objects[k]; !ok {
			s.triedObjects[k] = o
		}
	}
	for _, r := range l.roles {
		s.roles = append(s.roles, r)
	}
	for n := range l.triedRoles {
		if _, ok := l.roles[n]; !ok {
			s.triedRoles[n] = true
		}
	}
	s.sessions = append(s.sessions, l.sessions...)
	sort.Slice(s.objects, func(i, j int) bool { return s.objects[i].Key < s.objects[j].Key })
	sort.Slice(s.roles, func(i, j int) bool { return s.roles[i].Name < s.roles[j].Name })
	return s
}

// counts are the numbers of acknowledged writes by kind.
func (l *ackLog) counts() (objects, roles, sessions int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.objects), len(l.roles), len(l.sessions)
}
