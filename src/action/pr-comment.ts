/**
 * One pull-request comment per PR, kept up to date: found again by its hidden marker, created the
 * first time, edited afterwards. Two requests a run (a listing, then a create or an update), far
 * inside GITHUB_TOKEN's limits (1,000 requests an hour, ~80 writes a minute).
 */
import { getOctokit } from '@actions/github';
import { COMMENT_MARKER } from './report-markdown.js';

export type CommentTarget = { token: string; repository: string; pullRequest: number };

/** Pages of comments read while looking for the marker (100 each): a PR with more starts a new comment. */
const MAX_PAGES = 10;

/** Creates or updates the run's comment on the PR; returns what was done and the comment's id. */
export async function upsertPullRequestComment(target: CommentTarget, body: string): Promise<{ action: 'created' | 'updated'; id: number }> {
  const [owner, repo] = target.repository.split('/') as [string, string];
  const octokit = getOctokit(target.token);
  let existing: number | undefined;
  for (let page = 1; page <= MAX_PAGES && existing === undefined; page += 1) {
    const { data } = await octokit.rest.issues.listComments({ owner, repo, issue_number: target.pullRequest, per_page: 100, page });
    existing = data.find((c) => c.body?.includes(COMMENT_MARKER))?.id;
    if (data.length < 100) break;
  }
  if (existing !== undefined) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
    return { action: 'updated', id: existing };
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: target.pullRequest, body });
  return { action: 'created', id: data.id };
}
