// Entry points: every export here becomes a top-level function in the pushed bundle (build.mjs).
// Binding only — no top-level side effects, since Apps Script evaluates this file on every call:
// each function builds the real platform when it runs and hands it to its handler.
import { appsScript, jsonOutput } from './gas/apps-script.js';
import * as archive from './menu/archive-menu.js';
import * as picture from './menu/dashboard-menu.js';
import * as evidence from './menu/evidence-menu.js';
import * as menu from './menu/menu.js';
import { STATUS } from './door/reply.js';
import * as clusterMenu from './menu/cluster-menu.js';
import * as secretMenu from './menu/secret-menu.js';
import { handle } from './door/webapp.js';

type TextOutput = GoogleAppsScript.Content.TextOutput;

export const doPost = (e: GoogleAppsScript.Events.DoPost): TextOutput => jsonOutput(handle(e, appsScript()));
export const doGet = (): TextOutput => jsonOutput(STATUS);
export const onOpen = (): void => menu.onOpen(appsScript());
export const viewInTeleport = (): void => menu.viewInTeleport(appsScript());
export const refreshFromTeleport = (): void => menu.refreshFromTeleport(appsScript());
export const reformatSheet = (): void => menu.reformatSheet(appsScript());
export const relayStatus = (): void => menu.relayStatus(appsScript());
export const setUpSecret = (): void => secretMenu.setUpSecret(appsScript());
export const rotateSecret = (): void => secretMenu.rotateSecret(appsScript());
export const revokePreviousSecret = (): void => secretMenu.revokePreviousSecret(appsScript());
export const retireSheetSecret = (): void => secretMenu.retireSheetSecret(appsScript());
export const addCluster = (): void => clusterMenu.addCluster(appsScript());
export const rotateClusterSecret = (): void => clusterMenu.rotateClusterSecret(appsScript());
export const revokeClusterPrevious = (): void => clusterMenu.revokeClusterPrevious(appsScript());
export const removeCluster = (): void => clusterMenu.removeCluster(appsScript());
export const refreshDashboard = (): void => picture.refreshDashboardNow(appsScript());
export const exportEvidence = (): void => evidence.exportEvidence(appsScript());
export const verifyEvidence = (): void => evidence.verifyEvidenceTab(appsScript());
export const archiveRequests = (): void => archive.archiveRequests(appsScript());
export const refreshDashboardOnTimer = (): void => picture.refreshDashboardOnTimer(appsScript());
