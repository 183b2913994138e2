/**
 * Accounts of our MSN network: the directory loaded from {@code msn-accounts.yaml}, each account's
 * contact lists (FL/AL/BL/RL), groups, privacy settings and list version, all in memory.
 */
package org.imbridge.msnserver.account;
