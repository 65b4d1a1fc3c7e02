package autoscaling

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// activity is a scaling activity.
type activity struct {
	ID            string    `json:"id"`
	Group         string    `json:"group"`
	GroupARN      string    `json:"groupArn"`
	Description   string    `json:"description"`
	Cause         string    `json:"cause"`
	Details       string    `json:"details,omitempty"`
	StatusCode    string    `json:"statusCode"`
	StatusMessage string    `json:"statusMessage,omitempty"`
	Progress      int       `json:"progress"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end,omitzero"`
}

// Activity status codes.
const (
	actInProgress         = "InProgress"
	actMidLifecycleAction = "MidLifecycleAction"
	actSuccessful         = "Successful"
	actFailed             = "Failed"
	actCancelled          = "Cancelled"
)

// causeTime is how a cause names a moment: 2026-11-23T10:00:00Z.
func causeTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// details is an activity's Details: the subnet and zone of its instance.
func details(subnetID, az string) string {
	m := map[string]string{"Availability Zone": az}
	if subnetID != "" {
		m["Subnet ID"] = subnetID
	}
	raw, _ := json.Marshal(m)
	return string(raw)
}

// newActivity stores a new activity of g and returns its key.
func (s *Service) newActivity(tx *store.Tx, sc scope, g *group, a activity) (string, *activity, error) {
	g.ActivitySeq++
	a.ID = s.env.IDs.UUID()
	a.Group, a.GroupARN = g.Name, g.ARN
	if a.StatusCode == "" {
		a.StatusCode = actInProgress
	}
	b := sc.bucket(tx, kindActivities)
	key := seqKey(g.Name, g.ActivitySeq)
	if err := b.Put(key, &a); err != nil {
		return "", nil, err
	}
	if old := g.ActivitySeq - maxActivities; old > 0 {
		if err := b.Delete(seqKey(g.Name, old)); err != nil {
			return "", nil, err
		}
	}
	return key, &a, nil
}

// setActivity changes the activity at key, if it still exists.
func setActivity(tx *store.Tx, sc scope, key string, fn func(a *activity)) error {
	if key == "" {
		return nil
	}
	b := sc.bucket(tx, kindActivities)
	var a activity
	ok, err := b.Get(key, &a)
	if err != nil || !ok {
		return err
	}
	fn(&a)
	return b.Put(key, &a)
}

// finishActivity ends the activity at key with status code.
func finishActivity(tx *store.Tx, sc scope, key, code, message string, at time.Time) error {
	return setActivity(tx, sc, key, func(a *activity) {
		if a.StatusCode == actSuccessful || a.StatusCode == actFailed || a.StatusCode == actCancelled {
			return
		}
		a.StatusCode, a.Progress, a.End = code, 100, at
		if message != "" {
			a.StatusMessage = message
		}
	})
}

func getActivity(tx *store.Tx, sc scope, key string) (activity, error) {
	a, _, err := store.Get[activity](sc.bucket(tx, kindActivities), key)
	return a, err
}

// activityOrder sorts activities newest first: by start time, then by
// sequence, both descending.
func activityOrder(a *activity, seqKey string) string {
	return fmt.Sprintf("%020d/%s", math.MaxInt64-a.Start.UnixNano(), invertKey(seqKey))
}

// invertKey maps a key to one that sorts in reverse order among keys of
// the same length.
func invertKey(k string) string {
	b := []byte(k)
	for i := range b {
		b[i] = 255 - b[i]
	}
	return fmt.Sprintf("%x", b)
}

type describeActivitiesResult struct {
	Activities []xActivity `xml:"Activities>member"`
	NextToken  string      `xml:"NextToken,omitempty"`
}

func (s *Service) describeScalingActivities(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	ids := members(p, "ActivityIds")
	if len(ids) > 50 {
		return nil, invalid("1 validation error detected: Value at 'activityIds' failed to satisfy constraint: Member must have length less than or equal to 50")
	}
	groupName := p.Get("AutoScalingGroupName")
	pg, err := readPage(p, 100, 100)
	if err != nil {
		return nil, err
	}
	var items []keyed[xActivity]
	err = s.view(func(tx *store.Tx) error {
		prefix := ""
		if groupName != "" {
			prefix = groupPrefix(groupName)
		}
		return sc.bucket(tx, kindActivities).Scan(prefix, "", func(k string, raw []byte) (bool, error) {
			var a activity
			if err := json.Unmarshal(raw, &a); err != nil {
				return false, fmt.Errorf("autoscaling: decode activity %q: %w", k, err)
			}
			if len(ids) > 0 && !contains(ids, a.ID) {
				return true, nil
			}
			items = append(items, keyed[xActivity]{activityOrder(&a, k), a.view()})
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	out, next := pageOf(items, pg)
	return describeActivitiesResult{Activities: out, NextToken: next}, nil
}
