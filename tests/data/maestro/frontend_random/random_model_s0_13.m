// random model file (seed 0, #13), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_13 {
	Layer L0 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, G: 4, K: 32, C: 4, R: 5, S: 1, Y: 21, X: 39 }
	}
	Layer L1 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { G: 2, K: 2, C: 32, R: 7, S: 7, Y: 9, X: 11 }
	}
	Layer L2 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 2, K: 1, C: 64, R: 5, S: 1, Y: 34, X: 24 }
	}
}
